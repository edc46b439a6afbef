// The compare page's Vega-Lite specs, kept in one file so that they can be shared with `padre plot`.

export interface ParamPoint {
  label: string
  x: number | string
  mean: number
  std: number
}

export interface FoldValue {
  label: string
  split: number
  value: number
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json'

/** Mean metric (± std as an error bar) against one parameter, one line per experiment. */
export function metricVsParamSpec(points: ParamPoint[], param: string, metric: string): Record<string, unknown> {
  const numeric = points.every((p) => typeof p.x === 'number')
  const x = { field: 'x', type: numeric ? 'quantitative' : 'ordinal', title: param, ...(numeric ? { scale: { zero: false } } : {}) }
  return {
    $schema: SCHEMA, width: 420, height: 260, title: `${metric} vs ${param}`,
    data: { values: points.map((p) => ({ ...p, low: p.mean - p.std, high: p.mean + p.std })) },
    encoding: { x, color: { field: 'label', type: 'nominal', title: null } },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { y: { field: 'mean', type: 'quantitative', title: metric, scale: { zero: false } } } },
      { mark: 'errorbar', encoding: { y: { field: 'low', type: 'quantitative', title: metric }, y2: { field: 'high' } } },
    ],
  }
}

/** One box of split values per selected run (grid point). */
export function foldBoxPlotSpec(values: FoldValue[], metric: string): Record<string, unknown> {
  return {
    $schema: SCHEMA, width: 420, height: 260, title: `${metric} per split`,
    data: { values },
    layer: [
      { mark: { type: 'boxplot', extent: 'min-max' }, encoding: { x: { field: 'label', type: 'nominal', title: null, axis: { labelAngle: -20 } }, y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false } } } },
      { mark: { type: 'point', opacity: 0.6 }, encoding: { x: { field: 'label', type: 'nominal' }, y: { field: 'value', type: 'quantitative' } } },
    ],
  }
}
