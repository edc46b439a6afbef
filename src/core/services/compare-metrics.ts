import { InvalidInputError } from '../errors.js'
import { METRIC_HIGHER_IS_BETTER } from '../metrics/index.js'
import type { MetricValues, ParamValue } from '../model/types.js'
import type { App } from './app.js'
import { listRunsWithMetrics, type RunFilter } from './runs.js'

export interface CompareRow {
  run: string
  experiment: string
  execution: string
  point: number
  status: string
  startedAt: string
  parameters: Record<string, ParamValue>
  mean: MetricValues
  std: MetricValues
}

export interface CompareOptions extends RunFilter {
  sort?: string
  ascending?: boolean
  limit?: number
}

/** Runs side by side: one row per run and grid point, with its parameters and mean metrics. */
export async function compareMetrics(app: App, options: CompareOptions = {}): Promise<{ rows: CompareRow[]; total: number; metrics: string[]; parameters: string[]; sort?: string; descending?: boolean }> {
  const runs = await listRunsWithMetrics(app, options)
  const rows: CompareRow[] = runs.flatMap(({ run, metrics }) => (metrics?.points ?? []).map((p) => ({
    run: run.id, experiment: run.experiment, execution: run.execution, point: p.point, status: run.status,
    startedAt: run.startedAt, parameters: p.parameters, mean: p.mean, std: p.std,
  })))
  const metrics = unique(rows.flatMap((r) => Object.keys(r.mean)))
  const sort = options.sort ?? (metrics.includes('accuracy') ? 'accuracy' : metrics.includes('r2') ? 'r2' : undefined)
  const allParameters = unique(rows.flatMap((r) => Object.keys(r.parameters)))
  if (options.sort && rows.length && !metrics.includes(options.sort) && !allParameters.includes(options.sort)) throw new InvalidInputError(`Cannot sort by '${options.sort}': the runs have metrics ${metrics.join(', ')} and parameters ${allParameters.join(', ') || '(none)'}.`)
  let descending: boolean | undefined
  if (sort && !metrics.includes(sort) && allParameters.includes(sort)) {
    // A parameter sorts smallest first (--ascending is the default for parameters; numbers by value, others as text).
    descending = false
    rows.sort((a, b) => compareValues(a.parameters[sort], b.parameters[sort]) || b.startedAt.localeCompare(a.startedAt))
  } else if (sort) {
    descending = options.ascending ? false : METRIC_HIGHER_IS_BETTER[sort] !== false
    const d = descending
    rows.sort((a, b) => order(a.mean[sort], b.mean[sort], d) || b.startedAt.localeCompare(a.startedAt))
  }
  const parameters = unique(rows.flatMap((r) => Object.keys(r.parameters))).filter((k) => new Set(rows.map((r) => JSON.stringify(r.parameters[k]))).size > 1)
  return { rows: options.limit ? rows.slice(0, options.limit) : rows, total: rows.length, metrics, parameters, ...(sort ? { sort, descending } : {}) }
}

function compareValues(a: ParamValue | undefined, b: ParamValue | undefined): number {
  if (a === undefined) return 1
  if (b === undefined) return -1
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))
}

function order(a: number | undefined, b: number | undefined, descending: boolean): number {
  if (a === undefined || Number.isNaN(a)) return 1
  if (b === undefined || Number.isNaN(b)) return -1
  return descending ? b - a : a - b
}

const unique = (values: string[]) => [...new Set(values)]
