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

const KEPT = 8

/**
 * Keeps the last few filtered and sorted lists (until the records change), so that turning pages or
 * going back does not filter and sort again.
 */
export class RunsTable {
  private all?: RunDoc[]
  private sorted = new Map<string, Promise<Sorted>>()

  async page(all: RunDoc[], req: TableRequest): Promise<TablePage> {
    if (this.all !== all) {
      this.all = all
      this.sorted.clear()
    }
    const key = JSON.stringify([req.project, req.experiment, req.q, req.sort, req.desc])
    let pending = this.sorted.get(key)
    if (pending) this.sorted.delete(key)
    else pending = sortedRuns(all, req)
    this.sorted.set(key, pending)
    if (this.sorted.size > KEPT) this.sorted.delete(this.sorted.keys().next().value!)
    const kept = pending
    kept.catch(() => { if (this.sorted.get(key) === kept) this.sorted.delete(key) })
    const { keyed, allParams, varying, metrics } = await pending
    const rows = keyed.slice(req.offset, req.offset + req.limit).map(({ doc, params }): TableRow => ({ ...doc, params }))
    return { total: keyed.length, offset: req.offset, limit: req.limit, rows, params: req.allParams ? allParams : varying, allParams, metrics }
  }
}

interface Sorted {
  keyed: Entry[]
  allParams: string[]
  varying: string[]
  metrics: string[]
}

/** Scope, filter and sort the runs; column lists come from the whole filtered set. */
async function sortedRuns(all: RunDoc[], req: TableRequest): Promise<Sorted> {
  const scoped = req.project || req.experiment ? all.filter((d) => (!req.project || d.project === req.project) && (!req.experiment || d.experiment === req.experiment)) : all
  const docs = await filterRuns(scoped, req.q)
  const entries = docs.map((doc) => ({ doc, params: flat(doc) }))
  const { allParams, varying, metrics } = columns(entries)
  const sort = req.sort ?? 'startedAt'
  const key = sortKey(sort)
  const desc = req.desc ?? (sort === 'startedAt' || sort.startsWith('metrics.'))
  const keyed = entries.map((e) => ({ ...e, key: key(e) }))
  keyed.sort((a, b) => compare(a.key, b.key, desc) || newestFirst(a.doc, b.doc) || a.doc.point - b.doc.point)
  return { keyed, allParams, varying, metrics }
}

type Entry = { doc: RunDoc; params: Record<string, ParamValue> }

// Flattened once per document (documents live until the records change).
const flatCache = new WeakMap<RunDoc, Record<string, ParamValue>>()
function flat(doc: RunDoc): Record<string, ParamValue> {
  let params = flatCache.get(doc)
  if (!params) flatCache.set(doc, (params = flatParams(doc)))
  return params
}

/** Every parameter and metric name, and the parameters whose values differ among the runs that have them. */
function columns(entries: Entry[]): { allParams: string[]; varying: string[]; metrics: string[] } {
  const values = new Map<string, Set<ParamValue>>()
  const metrics = new Set<string>()
  for (const { doc, params } of entries) {
    for (const k in params) {
      let seen = values.get(k)
      if (!seen) values.set(k, (seen = new Set()))
      if (seen.size < 2) seen.add(params[k])
    }
    for (const m in doc.metrics) metrics.add(m)
  }
  const allParams = [...values.keys()]
  return { allParams, varying: allParams.filter((k) => values.get(k)!.size > 1), metrics: [...metrics] }
}

function sortKey(sort: string): (entry: Entry) => unknown {
  if (sort.startsWith('metrics.')) { const m = sort.slice(8); return (e) => e.doc.metrics[m] }
  if (sort.startsWith('params.')) { const p = sort.slice(7); return (e) => e.params[p] }
  if (PLAIN_SORTS.has(sort)) return (e) => e.doc[sort as keyof RunDoc]
  throw new InvalidInputError(`Cannot sort by '${sort}': use startedAt, durationMs, status, experiment, execution, point, dataset, metrics.<name> or params.<component>.<name>.`)
}

/** Missing values last whatever the direction; numbers before strings. */
function compare(a: unknown, b: unknown, desc: boolean): number {
  const missingA = a === undefined || a === null || (typeof a === 'number' && Number.isNaN(a))
  const missingB = b === undefined || b === null || (typeof b === 'number' && Number.isNaN(b))
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : typeof a === 'number' ? -1 : typeof b === 'number' ? 1 : plain(String(a), String(b))
  return desc ? -c : c
}

// Code-unit order: localeCompare (or a collator) cost 100-300 ms over 10,000 rows.
const plain = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
// ISO times sort as plain strings.
const newestFirst = (a: RunDoc, b: RunDoc) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0)
