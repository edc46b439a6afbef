import { InvalidInputError, NotFoundError } from '../errors.js'
import type { RunMetrics, RunRecord } from '../model/types.js'
import { compareText } from '../query/compare-text.js'
import type { RunSummary } from '../query/documents.js'
import type { App } from './app.js'
import { experimentsInScope } from './experiments.js'
import { splitRef, type Scope } from './scope.js'

export interface RunFilter extends Scope {
  status?: RunRecord['status']
  /** Include soft-deleted runs (hidden by default). */
  deleted?: boolean
}

/** Runs newest first, within the scope, from the derived run index (which reads only what changed). */
export async function listRuns(app: App, filter: RunFilter = {}): Promise<RunRecord[]> {
  return (await listRunsWithMetrics(app, filter)).map((e) => e.run)
}

export async function listRunsWithMetrics(app: App, filter: RunFilter = {}): Promise<Array<{ run: RunRecord; metrics?: RunMetrics }>> {
  const experiments = await experimentsInScope(app, filter)
  return experiments.flatMap(({ project, name }) => app.index.entries(project, name))
    .filter(({ run: r }) => (!filter.execution || r.execution === filter.execution) && (!filter.status || r.status === filter.status) && (filter.deleted || r.deletedAt === undefined))
    .sort((a, b) => compareText(b.run.startedAt, a.run.startedAt) || compareText(b.run.run, a.run.run))
    .map(({ run, metrics }) => ({ run, ...(metrics ? { metrics } : {}) }))
}

/** As listRunsWithMetrics, from the index's slim summaries: what queries and compare need, parsed fast. */
export async function listRunSummaries(app: App, filter: RunFilter = {}): Promise<Array<{ run: RunSummary; metrics?: Pick<RunMetrics, 'points'> }>> {
  const experiments = await experimentsInScope(app, filter)
  return inListOrder(experiments.flatMap(({ project, name }) => app.index.summaries(project, name)), filter)
}

/** The filter's runs of some summaries, newest first, as listRunSummaries gives them. */
export function inListOrder(entries: Array<{ run: RunSummary; metrics: Pick<RunMetrics, 'points'> | null }>, filter: RunFilter): Array<{ run: RunSummary; metrics?: Pick<RunMetrics, 'points'> }> {
  return entries
    .filter(({ run: r }) => (!filter.execution || r.execution === filter.execution) && (!filter.status || r.status === filter.status) && (filter.deleted || r.deletedAt === undefined))
    .sort((a, b) => compareText(b.run.startedAt, a.run.startedAt) || compareText(b.run.run, a.run.run))
    .map(({ run, metrics }) => ({ run, ...(metrics ? { metrics } : {}) }))
}

export async function getRun(app: App, ref: string, scope: Scope = {}): Promise<{ run: RunRecord; metrics?: RunMetrics; computations: string[] }> {
  const [p, e, v, r] = await locateRun(app, ref, scope)
  const run = await app.store.run(p, e, v, r)
  if (!run) throw new NotFoundError(`Run '${ref}' not found. Run 'padre run list' to see the runs.`)
  return { run, metrics: await app.store.runMetrics(p, e, v, r), computations: await app.store.computationNames(p, e, v, r) }
}

/** [project, experiment, execution, run] of a full id, or of a run name searched within the scope. */
export async function locateRun(app: App, ref: string, scope: Scope): Promise<string[]> {
  const parts = ref.split(':')
  if (parts.length === 4 || (parts.length >= 2 && scope.project)) return splitRef(ref, 4, scope, 'run')
  if (parts.length !== 1) throw new InvalidInputError(`'${ref}' is not a run id: expected <project>:<experiment>:<execution>:<run>, or a run name.`)
  const matches = (await runLocations(app, { ...scope, execution: scope.execution })).filter((loc) => loc[3] === ref)
  if (matches.length === 1) return matches[0]
  if (matches.length > 1) throw new InvalidInputError(`Run name '${ref}' is ambiguous: give the full id, one of ${matches.map((m) => m.join(':')).join(', ')}.`)
  throw new NotFoundError(`Run '${ref}' not found. Run 'padre run list' to see the runs.`)
}

async function runLocations(app: App, scope: Scope): Promise<string[][]> {
  const experiments = await experimentsInScope(app, scope)
  const executions = (await Promise.all(experiments.map(async ({ project, name }) =>
    (scope.execution ? [scope.execution] : await app.store.executionVersions(project, name)).map((v) => [project, name, v])))).flat()
  return (await Promise.all(executions.map(async ([p, e, v]) => (await app.store.runNames(p, e, v)).map((r) => [p, e, v, r])))).flat()
}
