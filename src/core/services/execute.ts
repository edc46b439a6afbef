import { CancelledError, ComponentError } from '../errors.js'
import { captureEnvironment } from '../environment.js'
import type { Dataset } from '../data/dataset.js'
import { MAIN_METRIC, METRIC_HIGHER_IS_BETTER, aggregate } from '../metrics/index.js'
import { computationId, computationLocalId, newRunLocalId, runId } from '../model/ids.js'
import {
  SCHEMA_VERSION, type ComputationRecord, type ExecutionRecord, type ExperimentDefinition, type MetricValues, type RunMetrics, type RunRecord,
} from '../model/types.js'
import type { Split } from '../splits/index.js'
import { applyPoint, flatParameters, type GridPoint, type ResolvedStep } from '../pipeline/resolve.js'
import { componentSeed } from '../pipeline/fit-predict.js'
import { computationRunner, type SizedRunner } from '../../runtime/runner.js'
import type { ComputationTask } from '../../runtime/task.js'
import type { App } from './app.js'
import { computationKey, NO_CACHE, openRunCache, type RunCache } from './run-cache.js'
import type { SplitOutcome } from './evaluate-split.js'
import type { ArtifactRef } from '../artifacts/types.js'
import { accountsForModel, storeArtifacts } from './models-artifacts.js'
import { ensureExperiment } from './experiments.js'
import { ensureProject } from './projects.js'
import { ensureExecution, prepareDefinition, type Prepared } from './prepare.js'
import { assertQueueAllowed } from './offline.js'

export interface ExecuteOptions {
  /** The definition file, when there is one: it versions the execution. */
  file?: string
  onProgress?: (event: ProgressEvent) => void
  /** Aborting stops after the current split and records the run as cancelled. */
  signal?: AbortSignal
  /** Worker threads for the computations (default: every core when the run is big enough, else this process). */
  jobs?: number
  /** A Redis URL: the computations go to `padre worker` processes through it. */
  queue?: string
  /** --offline: a queue on another machine is refused. */
  offline?: boolean
  /** false: compute everything again, even computations whose inputs equal recorded ones. */
  cache?: boolean
  /** false: keep no model.json per computation (--no-models). */
  models?: boolean
}

export type ProgressEvent =
  | { type: 'created'; what: 'project' | 'experiment' | 'execution'; id: string }
  | { type: 'run-started'; run: RunRecord; total: number; jobs: number; queue?: string }
  | { type: 'split-done'; done: number; total: number; split: number; point: number; metric: string; value: number; ms: number; reusedFrom?: string }

export interface ExecuteResult {
  run: RunRecord
  metrics: RunMetrics
  execution: ExecutionRecord
}

/** pipeline × dataset × split strategy × parameter grid → one run with a computation per split and point. */
export async function executeExperiment(app: App, definition: ExperimentDefinition, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  // Everything is checked before anything is stored.
  if (options.queue) assertQueueAllowed(app.config, options.queue, { offline: options.offline })
  const prepared = await prepareDefinition(app, definition, options.file)
  const { dataset, points, splits } = prepared
  const runner = await computationRunner({ dataset, pipeline: definition.pipeline, file: options.file, metrics: definition.metrics, selection: prepared.selection }, points.length * splits.length, options.jobs, options.queue)
  try {
    return await record(app, definition, options, { ...prepared, runner })
  } finally {
    await runner.close()
  }
}

async function record(app: App, definition: ExperimentDefinition, options: ExecuteOptions, prepared: Prepared & { runner: SizedRunner }): Promise<ExecuteResult> {
  const { dataset, steps, points, splits, code, runner } = prepared
  const task = dataset.record.task

  const progress = options.onProgress ?? (() => {})
  const { project, created: newProject } = await ensureProject(app, definition.project)
  if (newProject) progress({ type: 'created', what: 'project', id: project.id })
  const { experiment, created: newExperiment } = await ensureExperiment(app, project.name, definition.name, definition.dataset, definition.description)
  if (newExperiment) progress({ type: 'created', what: 'experiment', id: experiment.id })

  const { execution, created: newExecution } = await ensureExecution(app, project.name, experiment.name, code, definition)
  if (newExecution) progress({ type: 'created', what: 'execution', id: execution.id })

  const started = new Date()
  const local = newRunLocalId(started)
  let run: RunRecord = {
    schemaVersion: SCHEMA_VERSION, id: runId(project.name, experiment.name, code.version, local), project: project.name,
    experiment: experiment.name, execution: code.version, run: local, status: 'running', startedAt: started.toISOString(),
    dataset: definition.dataset, pipeline: definition.pipeline, split: definition.split, ...(definition.grid ? { grid: definition.grid } : {}),
    seed: definition.seed, points: points.map((p) => flatParameters(applyPoint(steps, p))), environment: await captureEnvironment(dataset.record.hash),
  }
  await app.bus.emit('run:started', { root: app.root, run })
  progress({ type: 'run-started', run, total: points.length * splits.length, jobs: runner.jobs, ...(runner.queue ? { queue: runner.queue } : {}) })

  const perSplit: MetricValues[][] = points.map(() => [])
  try {
    const cache = options.cache === false ? NO_CACHE : await openRunCache(app, project.name, experiment.name, code.version)
    await computeAll(app, run, dataset, steps, points, splits, perSplit, progress, runner, cache, options.signal, options.models !== false)
  } catch (error) {
    const status = error instanceof CancelledError ? 'cancelled' : 'failed'
    run = finish(run, status, { error: error instanceof Error ? error.message : String(error), ...(error instanceof ComponentError ? { failure: error.detail } : {}) })
    await app.bus.emit('run:ended', { root: app.root, run, metrics: summarize(run, perSplit) })
    throw error
  }
  const metrics = summarize(run, perSplit)!
  const main = MAIN_METRIC[task]
  const best = metrics.points.map((p) => p.mean[main]).filter(Number.isFinite)
  run = finish(run, 'finished', { mainMetric: { name: main, value: METRIC_HIGHER_IS_BETTER[main] === false ? Math.min(...best) : Math.max(...best) } })
  await app.bus.emit('run:ended', { root: app.root, run, metrics })
  return { run, metrics, execution }
}

/**
 * Every split × point, recorded in that order whatever order the runner finishes them in: a run on
 * worker threads records the same files and commits as a run in this process. The runner is kept
 * `concurrency` computations ahead of the recording.
 */
async function computeAll(
  app: App, run: RunRecord, dataset: Dataset, steps: ResolvedStep[], points: GridPoint[], splits: Split[],
  perSplit: MetricValues[][], progress: (e: ProgressEvent) => void, runner: SizedRunner, cache: RunCache, signal?: AbortSignal, keepModel = true,
): Promise<void> {
  const tasks: Array<ComputationTask & { key: string }> = points.flatMap((point, p) => {
    const pointSteps = applyPoint(steps, point).map((s) => ({ component: s.definition.name, params: s.params }))
    return splits.map((split): ComputationTask & { key: string } => {
      const seed = componentSeed(run.seed, split.index, p)
      const key = computationKey({ version: run.execution, datasetHash: dataset.record.hash, parameters: run.points[p], split, seed, padre: run.environment.padre })
      return { split, point: p, steps: pointSteps, seed, key, ...(keepModel ? { keepModel } : {}) }
    })
  })
  const total = tasks.length
  const main = MAIN_METRIC[dataset.record.task]
  const pending: Array<Promise<SplitOutcome & { reusedFrom?: string; reusedArtifacts?: ArtifactRef[] }>> = []
  const evaluate = async (task: (typeof tasks)[number]) => {
    const cached = await cache.lookup(task.key)
    // A computation recorded without its model (--no-models) is computed again when a model is wanted.
    const usable = cached && (!keepModel || accountsForModel(cached.computation))
    return usable ? { ...cached.outcome, reusedFrom: cached.computation.id, reusedArtifacts: cached.computation.artifacts, modelNote: cached.computation.modelNote } : runner.evaluate(task, signal)
  }
  const launchUpTo = (end: number) => {
    while (pending.length < Math.min(end, total)) {
      const outcome = evaluate(tasks[pending.length])
      outcome.catch(() => {}) // awaited in order below; this only keeps a later failure from being reported as unhandled
      pending.push(outcome)
    }
  }
  for (const [done, task] of tasks.entries()) {
    if (signal?.aborted) throw new CancelledError(`cancelled after ${done} of ${total} computations`)
    const started = performance.now()
    launchUpTo(done + runner.concurrency)
    const outcome = await pending[done].catch((error: unknown) => {
      throw signal?.aborted ? new CancelledError(`cancelled after ${done} of ${total} computations`) : error
    })
    // A reused computation references the original's artifacts; a new one's are stored here, by the single writer.
    const artifacts = outcome.reusedFrom ? outcome.reusedArtifacts : outcome.artifacts?.length ? await storeArtifacts(app, outcome.artifacts, task.key) : undefined
    const computation: ComputationRecord = {
      schemaVersion: SCHEMA_VERSION, id: computationId(run.id, computationLocalId(task.split.index, task.point)), run: run.id,
      split: task.split.index, point: task.point, parameters: run.points[task.point], trainSize: task.split.train.length, testSize: task.split.test.length,
      timings: { fitMs: outcome.fitMs, predictMs: outcome.predictMs }, cacheKey: task.key, ...(outcome.reusedFrom ? { reusedFrom: outcome.reusedFrom } : {}),
      ...(task.split.repeat !== undefined ? { repeat: task.split.repeat, fold: task.split.fold } : {}),
      ...(artifacts?.length ? { artifacts } : {}), ...(outcome.modelNote ? { modelNote: outcome.modelNote } : {}),
    }
    await app.bus.emit('computation:finished', { root: app.root, run, computation, results: outcome.results, metrics: outcome.metrics })
    perSplit[task.point].push(outcome.metrics.values)
    progress({ type: 'split-done', done: done + 1, total, split: task.split.index, point: task.point, metric: main, value: outcome.metrics.values[main], ms: runner.jobs > 1 ? outcome.fitMs + outcome.predictMs : performance.now() - started, ...(outcome.reusedFrom ? { reusedFrom: outcome.reusedFrom } : {}) })
  }
}

function summarize(run: RunRecord, perSplit: MetricValues[][]): RunMetrics | null {
  const points = perSplit.flatMap((values, point) => {
    if (values.length === 0) return []
    const { mean, std } = aggregate(values)
    return [{ point, parameters: run.points[point], mean, std, splits: values.length }]
  })
  return points.length ? { schemaVersion: SCHEMA_VERSION, points } : null
}

function finish(run: RunRecord, status: RunRecord['status'], extra: Partial<RunRecord>): RunRecord {
  const finishedAt = new Date()
  return { ...run, ...extra, status, finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - Date.parse(run.startedAt) }
}
