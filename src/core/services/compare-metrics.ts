import { InvalidInputError, closeMatches } from '../errors.js'
import { METRIC_HIGHER_IS_BETTER } from '../metrics/index.js'
import type { MetricValues, ParamValue } from '../model/types.js'
import type { App } from './app.js'
import { listRunSummaries, type RunFilter } from './runs.js'
import { documentFields, fieldValue, runDocuments } from '../query/documents.js'
import { buildQuery, matchQuery, type KnownFields, type QueryOptions } from '../query/match.js'
import { queryCandidates } from './query-runs.js'

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

export interface CompareOptions extends RunFilter, Pick<QueryOptions, 'where' | 'filter'> {
  /** A metric name, or any query field (params.knn.k, startedAt, ...). */
  sort?: string
  ascending?: boolean
  limit?: number
}

/** Runs side by side: one row per run and grid point, with its parameters and mean metrics. */
export async function compareMetrics(app: App, options: CompareOptions = {}): Promise<{ rows: CompareRow[]; total: number; metrics: string[]; parameters: string[]; sort?: string; descending?: boolean }> {
  // a query first narrows the runs on the index's query columns (as run list); any error there is reported by the full path
  if ((options.where || options.filter) && !options.status && !options.execution) {
    try {
      const candidates = await queryCandidates(app, options, 'metrics')
      if (candidates) return await compareOn(app, options, candidates.entries, candidates)
    } catch { /* the full path below says what is wrong, exactly as always */ }
  }
  return compareOn(app, options, await listRunSummaries(app, options))
}

/** `known`: the runs are the query's candidates, and these are the fields of all the documents. */
async function compareOn(app: App, options: CompareOptions, runs: Awaited<ReturnType<typeof listRunSummaries>>, known?: KnownFields): ReturnType<typeof compareMetrics> {
  const queried = Boolean(options.where || options.filter)
  // query documents only when a query or a sort by a non-metric field needs them (10,000 runs: tens of ms)
  const makeDocs = () => runs.flatMap(({ run, metrics }) => (metrics?.points.length ? runDocuments(run, metrics) : []))
  let docs = queried ? makeDocs() : []
  const matched = new Set(queried ? (await matchQuery(await buildQuery(options, docs, known), docs)).map((d) => d.key) : [])
  let rows: CompareRow[] = runs.flatMap(({ run, metrics }) => (metrics?.points ?? []).map((p) => ({
    run: run.id, experiment: run.experiment, execution: run.execution, point: p.point, status: run.status,
    startedAt: run.startedAt, parameters: p.parameters, mean: p.mean, std: p.std,
  })))
  if (queried) rows = rows.filter((r) => matched.has(`${r.run}#${r.point}`))
  const metrics = unique(rows.flatMap((r) => Object.keys(r.mean)))
  const sort = options.sort ?? (metrics.includes('accuracy') ? 'accuracy' : metrics.includes('r2') ? 'r2' : undefined)
  const allParameters = unique(rows.flatMap((r) => Object.keys(r.parameters)))
  // --sort takes a metric, a parameter as the tables show it (knn.k), or any query field (params.knn.k, startedAt:asc)
  const byParameter = options.sort !== undefined && !metrics.includes(options.sort) && allParameters.includes(options.sort)
  const sortField = options.sort && !metrics.includes(options.sort) && !byParameter ? options.sort.replace(/:(asc|desc)$/, '') : undefined
  if (sortField && !queried) docs = makeDocs()
  const byKey = new Map(docs.map((d) => [d.key, d]))
  const fields = sortField ? (known?.fields ?? documentFields(docs)) : []
  if (sortField && rows.length && !fields.includes(sortField)) {
    const close = closeMatches(sortField, [...metrics, ...allParameters, ...fields])
    throw new InvalidInputError(`Cannot sort by '${options.sort}': the runs have metrics ${metrics.join(', ')} and parameters ${allParameters.join(', ') || '(none)'}${close.length ? `. Did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : ''}.`, close)
  }
  let descending: boolean | undefined
  if (byParameter) {
    // A parameter sorts smallest first (numbers by value, others as text).
    descending = false
    rows.sort((a, b) => compareValues(a.parameters[sort!], b.parameters[sort!]) || b.startedAt.localeCompare(a.startedAt))
  } else if (sortField) {
    const d = /:desc$/.test(options.sort!) || (!/:asc$/.test(options.sort!) && !options.ascending && /^metrics\.[^.]+$/.test(sortField) && METRIC_HIGHER_IS_BETTER[sortField.slice(8)] !== false)
    descending = d
    const value = (r: CompareRow) => fieldValue(byKey.get(`${r.run}#${r.point}`)!, sortField) as number | undefined
    rows.sort((a, b) => orderAny(value(a), value(b), d) || b.startedAt.localeCompare(a.startedAt))
  } else if (sort) {
    const d = options.ascending ? false : METRIC_HIGHER_IS_BETTER[sort] !== false
    descending = d
    rows.sort((a, b) => order(a.mean[sort], b.mean[sort], d) || b.startedAt.localeCompare(a.startedAt))
  }
  const parameters = unique(rows.flatMap((r) => Object.keys(r.parameters))).filter((k) => new Set(rows.map((r) => JSON.stringify(r.parameters[k]))).size > 1)
  return { rows: options.limit ? rows.slice(0, options.limit) : rows, total: rows.length, metrics, parameters, ...(sort ? { sort: sortField ?? sort, descending } : {}) }
}

function compareValues(a: ParamValue | undefined, b: ParamValue | undefined): number {
  if (a === undefined) return 1
  if (b === undefined) return -1
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))
}

function orderAny(a: unknown, b: unknown, descending: boolean): number {
  if (typeof a === 'number' && typeof b === 'number') return order(a, b, descending)
  if (a === undefined || a === null) return 1
  if (b === undefined || b === null) return -1
  return descending ? String(b).localeCompare(String(a)) : String(a).localeCompare(String(b))
}

function order(a: number | undefined, b: number | undefined, descending: boolean): number {
  if (a === undefined || Number.isNaN(a)) return 1
  if (b === undefined || Number.isNaN(b)) return -1
  return descending ? b - a : a - b
}

const unique = (values: string[]) => [...new Set(values)]
