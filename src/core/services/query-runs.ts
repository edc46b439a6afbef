import { runDocuments, type RunDocument, type RunSummary } from '../query/documents.js'
import { buildQuery, checkColumns, matchQuery, sortDocuments, sortSpec, type KnownFields, type QueryOptions } from '../query/match.js'
import { experimentsInScope } from './experiments.js'
import type { RunRecord } from '../model/types.js'
import type { App } from './app.js'
import { inListOrder, listRunSummaries, listRuns, listRunsWithMetrics, type RunFilter } from './runs.js'

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
  if (!needsDocs && q.limit && q.limit <= 200) {
    // the table's first 50: order from the summaries, whole records of those only
    const summaries = await listRunSummaries(app, q)
    return { runs: await records(summaries.slice(0, q.limit).map((e) => e.run), app, q), documents: [], total: summaries.length }
  }
  if (!needsDocs) {
    const runs = await listRuns(app, q)
    return { runs: q.limit ? runs.slice(0, q.limit) : runs, documents: [], total: runs.length }
  }
  // a query first narrows the runs on the index's query columns (a superset of the matches), then runs as
  // below on those candidates; any error there is reported by the full path, with every field in its order
  if ((q.where || q.filter) && !q.status && !q.execution) {
    try {
      const candidates = await queryCandidates(app, q)
      if (candidates) return await matching(app, q, candidates.entries, candidates)
    } catch { /* the full path below says what is wrong, exactly as always */ }
  }
  return matching(app, q, await listRunSummaries(app, q))
}

/**
 * The runs whose query documents may match, from the query columns of every experiment in scope, with the
 * fields of all the documents (`metrics`: of runs with metrics only, as compare_metrics queries); undefined
 * when the columns of one are not at hand.
 */
export async function queryCandidates(app: App, q: RunFilter & QueryOptions, of: 'runs' | 'metrics' = 'runs'): Promise<(KnownFields & { entries: Awaited<ReturnType<typeof listRunSummaries>> }) | undefined> {
  const experiments = await experimentsInScope(app, q)
  const sets = []
  for (const { project, name } of experiments) {
    const columns = app.index.columns(project, name)
    if (!columns) {
      for (const c of sets) c.close()
      return undefined
    }
    sets.push(columns)
  }
  const known: KnownFields = of === 'runs'
    ? { fields: [...new Set(sets.flatMap((c) => (q.deleted ? c.fields : c.visibleFields)))], haveDocs: sets.some((c) => (q.deleted ? c.docs : c.visibleDocs) > 0) }
    : { fields: [...new Set(sets.flatMap((c) => (q.deleted ? c.metricFields : c.visibleMetricFields)))], haveDocs: sets.some((c) => (q.deleted ? c.metricDocs : c.visibleMetricDocs) > 0) }
  const query = await buildQuery(q, [], known)
  return { ...known, entries: inListOrder(sets.flatMap((c) => c.candidates(query ?? {})), q) }
}

/** The query over the documents of these runs; `known`: the runs are candidates, and these are the fields of all. */
async function matching(app: App, q: RunQuery, entries: Awaited<ReturnType<typeof listRunSummaries>>, known?: KnownFields): Promise<RunQueryResult> {
  // the query runs on the slim summaries; whole records are read only for the runs shown
  const all = entries.flatMap(({ run, metrics }) => runDocuments(run, metrics))
  const query = await buildQuery(q, all, known)
  const columns = q.columns ? checkColumns(q.columns, all, known) : undefined
  let docs = await matchQuery(query, all)
  if (q.sort) docs = sortDocuments(docs, sortSpec(q.sort, all, known))
  const order = [...new Set(docs.map((d) => d.run))]
  const kept = new Set(order.slice(0, q.limit ?? order.length))
  const byId = new Map<string, RunSummary>()
  for (const { run } of entries) if (kept.has(run.id)) byId.set(run.id, run)
  return {
    runs: await records([...kept].map((id) => byId.get(id)!), app, q),
    documents: docs.filter((d) => kept.has(d.run)),
    total: order.length,
    ...(columns ? { columns } : {}),
  }
}

/** Whole records of a few runs from their folders; of many, or of runs not where their ids say, from the index. */
async function records(runs: RunSummary[], app: App, filter: RunFilter): Promise<RunRecord[]> {
  if (runs.length <= 200) {
    const read = await Promise.all(runs.map((r) => app.store.run(r.project, r.experiment, r.execution, r.run)))
    if (read.every((r, i) => r?.id === runs[i].id)) return read as RunRecord[]
  }
  const byId = new Map((await listRunsWithMetrics(app, filter)).map(({ run }) => [run.id, run]))
  return runs.map((r) => byId.get(r.id)!)
}
