/* Vega-Lite specs as pure functions of plain data: the CLI renders them to SVG/PNG, the UI embeds them. */
export type VegaLiteSpec = Record<string, unknown>

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json'
const BASE = { $schema: SCHEMA, width: 420, height: 280, background: 'white', config: { font: 'DejaVu Sans' } }

export interface MetricPoint { series: string; x: number | string; mean: number; std: number }

/** A metric against a grid parameter: mean line with points and a ±1 std band, one colour per series (experiment). */
export function metricVsParamSpec(points: MetricPoint[], param: string, metric: string): VegaLiteSpec {
  const numeric = points.every((p) => typeof p.x === 'number')
  const x = { field: 'x', type: numeric ? 'quantitative' : 'ordinal', title: param, ...(numeric ? { scale: { zero: false } } : {}) }
  const color = { field: 'series', type: 'nominal', title: 'experiment' }
  return {
    ...BASE,
    title: `${metric} vs ${param} (mean ± std over splits)`,
    data: { values: points.map((p) => ({ ...p, low: p.mean - p.std, high: p.mean + p.std })) },
    layer: [
      { mark: { type: 'errorband', opacity: 0.25 }, encoding: { x, y: { field: 'low', type: 'quantitative', title: metric, scale: { zero: false } }, y2: { field: 'high' }, color } },
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: metric }, color } },
    ],
  }
}

export interface FoldValue { run: string; split: number; value: number }

/** Per-fold values as a box plot per run, with the folds drawn as points. */
export function foldBoxPlotSpec(values: FoldValue[], metric: string): VegaLiteSpec {
  const x = { field: 'run', type: 'nominal', title: 'run', axis: { labelAngle: -20 } }
  return {
    ...BASE,
    title: `${metric} per split`,
    data: { values },
    layer: [
      { mark: { type: 'boxplot', extent: 'min-max', size: 30 }, encoding: { x, y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false } } } },
      { mark: { type: 'point', filled: true, color: 'black', size: 25 }, encoding: { x, y: { field: 'value', type: 'quantitative' }, tooltip: [{ field: 'split' }, { field: 'value' }] } },
    ],
  }
}

/** A confusion matrix heat map (rows: true class, columns: predicted), counts written in the cells. */
export function confusionMatrixSpec(matrix: number[][], classes: string[], title = 'confusion matrix (summed over splits)'): VegaLiteSpec {
  const values = matrix.flatMap((row, i) => row.map((count, j) => ({ truth: classes[i] ?? String(i), predicted: classes[j] ?? String(j), count })))
  const max = Math.max(1, ...values.map((v) => v.count))
  const encoding = {
    x: { field: 'predicted', type: 'ordinal', sort: classes, title: 'predicted' },
    y: { field: 'truth', type: 'ordinal', sort: classes, title: 'true' },
  }
  return {
    ...BASE, width: 300, height: 300, title, data: { values },
    layer: [
      { mark: 'rect', encoding: { ...encoding, color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' } } } },
      { mark: { type: 'text', fontSize: 14 }, encoding: { ...encoding, text: { field: 'count' }, color: { condition: { test: `datum.count > ${max / 2}`, value: 'white' }, value: 'black' } } },
    ],
  }
}

export interface PredictionPoint { truth: number; predicted: number; split: number }

/** Regression: predicted against true values, with the y = x line. */
export function predictedVsTrueSpec(points: PredictionPoint[], title = 'predicted vs true'): VegaLiteSpec {
  const all = points.flatMap((p) => [p.truth, p.predicted])
  const [lo, hi] = [Math.min(...all), Math.max(...all)]
  const scale = { domain: [lo, hi], zero: false }
  return {
    ...BASE, width: 320, height: 320, title,
    layer: [
      { data: { values: [{ a: lo, b: lo }, { a: hi, b: hi }] }, mark: { type: 'line', color: 'grey', strokeDash: [4, 4] }, encoding: { x: { field: 'a', type: 'quantitative', scale }, y: { field: 'b', type: 'quantitative', scale } } },
      { data: { values: points }, mark: { type: 'point', filled: true, opacity: 0.6 }, encoding: {
        x: { field: 'truth', type: 'quantitative', title: 'true', scale }, y: { field: 'predicted', type: 'quantitative', title: 'predicted', scale },
        color: { field: 'split', type: 'nominal' },
      } },
    ],
  }
}
