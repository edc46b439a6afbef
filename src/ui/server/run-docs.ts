import type { ParamValue, RunMetrics, RunRecord } from '../../core/model/types.js'

/** One row of the runs table: a run at one grid point. The filter box queries these documents. */
export interface RunDoc {
  /** The run's full id; `point` tells the grid point apart. */
  id: string
  point: number
  project: string
  experiment: string
  execution: string
  run: string
  status: RunRecord['status']
  dataset: string
  startedAt: string
  durationMs?: number
  /** component → parameter name → value */
  params: Record<string, Record<string, ParamValue>>
  /** metric → mean over the splits */
  metrics: Record<string, number>
  std: Record<string, number>
  splits: number
  error?: string
}

/** The rows of one run: one per grid point; a run without metrics yet (running, failed) is one row. */
export function runDocs(run: RunRecord, metrics?: RunMetrics): RunDoc[] {
  const points = metrics?.points.length ? metrics.points : run.points.map((parameters, point) => ({ point, parameters, mean: {}, std: {}, splits: 0 }))
  const rows = points.length ? points : [{ point: 0, parameters: {}, mean: {}, std: {}, splits: 0 }]
  return rows.map((p) => ({
    id: run.id, point: p.point, project: run.project, experiment: run.experiment, execution: run.execution, run: run.run,
    status: run.status, dataset: run.dataset, startedAt: run.startedAt, durationMs: run.durationMs,
    params: nest(run, p.parameters), metrics: p.mean, std: p.std, splits: p.splits,
    ...(run.error ? { error: run.error } : {}),
  }))
}

/** The pipeline's own params, overridden by the grid point's resolved 'component.param' values. */
function nest(run: RunRecord, flat: Record<string, ParamValue>): Record<string, Record<string, ParamValue>> {
  const out: Record<string, Record<string, ParamValue>> = {}
  for (const step of run.pipeline) out[step.component] = { ...step.params }
  for (const [key, value] of Object.entries(flat)) {
    const cut = key.indexOf('.')
    const component = cut > 0 ? key.slice(0, cut) : ''
    ;(out[component] ??= {})[key.slice(cut + 1)] = value
  }
  return out
}

/** 'component.param' names of a document, in pipeline order. */
export function flatParams(doc: RunDoc): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {}
  for (const [component, params] of Object.entries(doc.params)) for (const [name, v] of Object.entries(params)) out[component ? `${component}.${name}` : name] = v
  return out
}
