import { runDocuments, type RunDocument } from '../query/documents.js'
import { buildQuery, checkColumns, matchQuery, sortDocuments, sortSpec, type QueryOptions } from '../query/match.js'
import type { RunRecord } from '../model/types.js'
import type { App } from './app.js'
import { listRuns, listRunsWithMetrics, type RunFilter } from './runs.js'

export interface RunQuery extends RunFilter, QueryOptions {
  columns?: string[]
}

export interface RunQueryResult {
  /** Runs with at least one matching document, in the requested order. */
  runs: RunRecord[]
  /** The matching documents (one per run and grid point), in the same order. */
  documents: RunDocument[]
  /** How many runs matched before --limit. */
  total: number
  columns?: string[]
}

/** run list with --where/--filter/--sort/--columns: reads metrics only when the query needs them. */
export async function queryRuns(app: App, q: RunQuery): Promise<RunQueryResult> {
  const needsDocs = Boolean(q.where || q.filter || q.sort || q.columns)
  if (!needsDocs) {
    const runs = await listRuns(app, q)
    return { runs: q.limit ? runs.slice(0, q.limit) : runs, documents: [], total: runs.length }
  }
  const entries = await listRunsWithMetrics(app, q)
  const all = entries.flatMap(({ run, metrics }) => runDocuments(run, metrics))
  const query = await buildQuery(q, all)
  const columns = q.columns ? checkColumns(q.columns, all) : undefined
  let docs = await matchQuery(query, all)
  if (q.sort) docs = sortDocuments(docs, sortSpec(q.sort, all))
  const byId = new Map(entries.map(({ run }) => [run.id, run]))
  const order = [...new Set(docs.map((d) => d.run))]
  const kept = new Set(order.slice(0, q.limit ?? order.length))
  return {
    runs: [...kept].map((id) => byId.get(id)!),
    documents: docs.filter((d) => kept.has(d.run)),
    total: order.length,
    ...(columns ? { columns } : {}),
  }
}
