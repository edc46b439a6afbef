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
export async function compareMetrics(app: App, options: CompareOptions = {}): Promise<{ rows: CompareRow[]; total: number; metrics: string[]; parameters: string[] }> {
  const runs = await listRunsWithMetrics(app, options)
  const rows: CompareRow[] = runs.flatMap(({ run, metrics }) => (metrics?.points ?? []).map((p) => ({
    run: run.id, experiment: run.experiment, execution: run.execution, point: p.point, status: run.status,
    startedAt: run.startedAt, parameters: p.parameters, mean: p.mean, std: p.std,
  })))
  const metrics = unique(rows.flatMap((r) => Object.keys(r.mean)))
  const sort = options.sort ?? (metrics.includes('accuracy') ? 'accuracy' : metrics.includes('r2') ? 'r2' : undefined)
  if (options.sort && rows.length && !metrics.includes(options.sort)) throw new InvalidInputError(`Cannot sort by '${options.sort}': the runs have ${metrics.join(', ')}.`)
  if (sort) {
    const descending = options.ascending ? false : METRIC_HIGHER_IS_BETTER[sort] !== false
    rows.sort((a, b) => order(a.mean[sort], b.mean[sort], descending) || b.startedAt.localeCompare(a.startedAt))
  }
  const parameters = unique(rows.flatMap((r) => Object.keys(r.parameters))).filter((k) => new Set(rows.map((r) => JSON.stringify(r.parameters[k]))).size > 1)
  return { rows: options.limit ? rows.slice(0, options.limit) : rows, total: rows.length, metrics, parameters }
}

function order(a: number | undefined, b: number | undefined, descending: boolean): number {
  if (a === undefined || Number.isNaN(a)) return 1
  if (b === undefined || Number.isNaN(b)) return -1
  return descending ? b - a : a - b
}

const unique = (values: string[]) => [...new Set(values)]
