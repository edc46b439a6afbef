import { InvalidInputError } from '../../core/errors.js'
import type { ParamValue } from '../../core/model/types.js'
import { filterRuns } from './query.js'
import { flatParams, type RunDoc } from './run-docs.js'

export interface TableRequest {
  project?: string
  experiment?: string
  q?: string
  /** startedAt, durationMs, status, experiment, execution, point, metrics.<name> or params.<component>.<name> */
  sort?: string
  desc?: boolean
  offset: number
  limit: number
  allParams?: boolean
}

export interface TableRow extends Omit<RunDoc, 'params'> {
  params: Record<string, ParamValue>
}

export interface TablePage {
  total: number
  offset: number
  limit: number
  rows: TableRow[]
  /** 'component.param' columns: those whose value varies among the filtered runs that have them (all with allParams). */
  params: string[]
  allParams: string[]
  metrics: string[]
}

const PLAIN_SORTS = new Set(['startedAt', 'durationMs', 'status', 'experiment', 'execution', 'point', 'dataset'])

/** Scope, filter, sort and cut one page of runs; column lists come from the whole filtered set. */
export async function runsTable(all: RunDoc[], req: TableRequest): Promise<TablePage> {
  const scoped = all.filter((d) => (!req.project || d.project === req.project) && (!req.experiment || d.experiment === req.experiment))
  const docs = await filterRuns(scoped, req.q)
  const flat = docs.map(flatParams)
  const allParams = unique(flat.flatMap((p) => Object.keys(p)))
  // A parameter varies when the runs that have it disagree on it; one missing from another pipeline does not count.
  const varying = allParams.filter((k) => new Set(flat.filter((p) => k in p).map((p) => JSON.stringify(p[k]))).size > 1)
  const metrics = unique(docs.flatMap((d) => Object.keys(d.metrics)))
  const rows = docs.map((d, i): TableRow => ({ ...d, params: flat[i] }))
  const sort = req.sort ?? 'startedAt'
  const key = sortKey(sort)
  const desc = req.desc ?? (sort === 'startedAt' || sort.startsWith('metrics.'))
  rows.sort((a, b) => compare(key(a), key(b), desc) || b.startedAt.localeCompare(a.startedAt) || a.point - b.point)
  return { total: rows.length, offset: req.offset, limit: req.limit, rows: rows.slice(req.offset, req.offset + req.limit), params: req.allParams ? allParams : varying, allParams, metrics }
}

function sortKey(sort: string): (row: TableRow) => unknown {
  if (sort.startsWith('metrics.')) { const m = sort.slice(8); return (r) => r.metrics[m] }
  if (sort.startsWith('params.')) { const p = sort.slice(7); return (r) => r.params[p] }
  if (PLAIN_SORTS.has(sort)) return (r) => r[sort as keyof TableRow]
  throw new InvalidInputError(`Cannot sort by '${sort}': use startedAt, durationMs, status, experiment, execution, point, dataset, metrics.<name> or params.<component>.<name>.`)
}

/** Missing values last whatever the direction; numbers before strings. */
function compare(a: unknown, b: unknown, desc: boolean): number {
  const missingA = a === undefined || a === null || (typeof a === 'number' && Number.isNaN(a))
  const missingB = b === undefined || b === null || (typeof b === 'number' && Number.isNaN(b))
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true })
  return desc ? -c : c
}

const unique = (values: string[]) => [...new Set(values)]
