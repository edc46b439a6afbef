import { InvalidInputError, NotFoundError } from '../errors.js'
import type { ExecutionRecord, MetricValues, ParamValue, RunMetrics, RunRecord } from '../model/types.js'
import type { App } from './app.js'
import { getExecution } from './executions.js'
import { experimentsInScope } from './experiments.js'
import type { Scope } from './scope.js'

export interface Change {
  name: string
  a: ParamValue | null
  b: ParamValue | null
}

export interface ExecutionComparison {
  a: ExecutionRecord
  b: ExecutionRecord
  diff: string
  /** The latest run of each execution, compared below (undefined when it has none). */
  runs: { a?: string; b?: string }
  /** Settings that differ: dataset, split, seed, grid, and every pipeline parameter of the first grid point. */
  parameters: Change[]
  /** Metric means that differ, at the best point of each run (by the run's main metric). */
  metrics: Array<{ name: string; a: number | null; b: number | null; delta: number | null }>
}

/**
 * An execution by full id (P:E:V), by version with the project and experiment from the scope, or by
 * a bare version (or its unique prefix) looked up in every experiment in scope, as `run get` does.
 */
export async function locateExecution(app: App, ref: string, scope: Scope): Promise<ExecutionRecord> {
  const parts = ref.split(':')
  if (parts.length === 3 || (parts.length === 2 && scope.project) || (parts.length === 1 && scope.project && scope.experiment)) return getExecution(app, ref, scope)
  if (parts.length !== 1) throw new InvalidInputError(`'${ref}' is not an execution id: expected <project>:<experiment>:<execution>, or an execution version.`)
  const experiments = await experimentsInScope(app, scope)
  const found = (await Promise.all(experiments.map(async ({ project, name }) =>
    (await app.store.executionVersions(project, name)).filter((v) => v.startsWith(ref)).map((v) => `${project}:${name}:${v}`)))).flat()
  if (found.length === 1) return getExecution(app, found[0])
  if (found.length > 1) throw new InvalidInputError(`Execution '${ref}' is ambiguous: give the full id, one of ${found.join(', ')}.`)
  throw new NotFoundError(`Execution '${ref}' not found. Run 'padre execution list' to see them.`)
}

export async function compareExecutionsFully(app: App, refA: string, refB: string, scope: Scope = {}): Promise<ExecutionComparison> {
  const [a, b] = await Promise.all([locateExecution(app, refA, scope), locateExecution(app, refB, scope)])
  const { createTwoFilesPatch } = await import('diff')
  const diff = createTwoFilesPatch(a.id, b.id, a.source.source, b.source.source, a.version, b.version)
  const [ra, rb] = await Promise.all([latestRun(app, a), latestRun(app, b)])
  return {
    a, b, diff,
    runs: { ...(ra ? { a: ra.run.id } : {}), ...(rb ? { b: rb.run.id } : {}) },
    parameters: changes(settings(ra?.run), settings(rb?.run)),
    metrics: metricChanges(bestMeans(ra), bestMeans(rb)),
  }
}

async function latestRun(app: App, x: ExecutionRecord): Promise<{ run: RunRecord; metrics?: RunMetrics } | undefined> {
  const names = await app.store.runNames(x.project, x.experiment, x.version)
  const last = names.at(-1)
  if (!last) return undefined
  const run = await app.store.run(x.project, x.experiment, x.version, last)
  if (!run) return undefined
  const metrics = await app.store.runMetrics(x.project, x.experiment, x.version, last)
  return { run, ...(metrics ? { metrics } : {}) }
}

function settings(run: RunRecord | undefined): Record<string, ParamValue> {
  if (!run) return {}
  const split = Object.entries(run.split).map(([k, v]) => [`split.${k}`, v as ParamValue])
  const grid = run.grid ? Object.entries(run.grid).map(([k, v]) => [`grid.${k}`, JSON.stringify(v)]) : []
  return { dataset: run.dataset, seed: run.seed, ...Object.fromEntries([...split, ...grid]), ...(run.points[0] ?? {}) }
}

function changes(a: Record<string, ParamValue>, b: Record<string, ParamValue>): Change[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
  return names.filter((n) => JSON.stringify(a[n]) !== JSON.stringify(b[n])).map((name) => ({ name, a: a[name] ?? null, b: b[name] ?? null }))
}

function bestMeans(r: { run: RunRecord; metrics?: RunMetrics } | undefined): MetricValues {
  const points = r?.metrics?.points ?? []
  const main = r?.run.mainMetric
  const best = main ? points.find((p) => p.mean[main.name] === main.value) : undefined
  return (best ?? points[0])?.mean ?? {}
}

function metricChanges(a: MetricValues, b: MetricValues): ExecutionComparison['metrics'] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
  return names.filter((n) => typeof (a[n] ?? b[n]) === 'number' && a[n] !== b[n]).map((name) => {
    const va = typeof a[name] === 'number' ? a[name] : null
    const vb = typeof b[name] === 'number' ? b[name] : null
    return { name, a: va, b: vb, delta: va !== null && vb !== null ? vb - va : null }
  })
}
