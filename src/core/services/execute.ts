import { CancelledError, ComponentError } from '../errors.js'
import { captureEnvironment } from '../environment.js'
import type { Dataset } from '../data/dataset.js'
import { MAIN_METRIC, METRIC_HIGHER_IS_BETTER, aggregate } from '../metrics/index.js'
import { computationId, computationLocalId, executionId, newRunLocalId, runId } from '../model/ids.js'
import {
  SCHEMA_VERSION, type ComputationRecord, type ExecutionRecord, type ExperimentDefinition, type MetricValues, type RunMetrics, type RunRecord,
} from '../model/types.js'
import { makeSplits, type Split } from '../splits/index.js'
import { applyPoint, expandGrid, flatParameters, resolvePipeline, type GridPoint, type ResolvedStep } from '../pipeline/resolve.js'
import { componentSeed } from '../pipeline/fit-predict.js'
import { checkAgainstData } from '../pipeline/check-data.js'
import type { App } from './app.js'
import { codeVersionOf } from './code-version.js'
import { evaluateSplit } from './evaluate-split.js'
import { ensureExperiment } from './experiments.js'
import { openDataset } from './datasets.js'
import { ensureProject } from './projects.js'

export interface ExecuteOptions {
  /** The definition file, when there is one: it versions the execution. */
  file?: string
  onProgress?: (event: ProgressEvent) => void
  /** Aborting stops after the current split and records the run as cancelled. */
  signal?: AbortSignal
}

export type ProgressEvent =
  | { type: 'created'; what: 'project' | 'experiment' | 'execution'; id: string }
  | { type: 'run-started'; run: RunRecord; total: number }
  | { type: 'split-done'; done: number; total: number; split: number; point: number; metric: string; value: number; ms: number }

export interface ExecuteResult {
  run: RunRecord
  metrics: RunMetrics
  execution: ExecutionRecord
}

/** pipeline × dataset × split strategy × parameter grid → one run with a computation per split and point. */
export async function executeExperiment(app: App, definition: ExperimentDefinition, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  // Everything is checked before anything is stored.
  const dataset = await openDataset(app, definition.dataset)
  const task = dataset.record.task
  const steps = await resolvePipeline(definition.pipeline, task)
  const points = expandGrid(steps, definition.grid)
  const splits = makeSplits(definition.split, dataset.y, definition.seed)
  const code = await codeVersionOf(options.file, definition)
  checkAgainstData(steps, points, splits, { nFeatures: dataset.record.featureNames.length, nClasses: dataset.record.classes.length, task })

  const progress = options.onProgress ?? (() => {})
  const { project, created: newProject } = await ensureProject(app, definition.project)
  if (newProject) progress({ type: 'created', what: 'project', id: project.id })
  const { experiment, created: newExperiment } = await ensureExperiment(app, project.name, definition.name, definition.dataset, definition.description)
  if (newExperiment) progress({ type: 'created', what: 'experiment', id: experiment.id })

  let execution = await app.store.execution(project.name, experiment.name, code.version)
  if (!execution) {
    execution = {
      schemaVersion: SCHEMA_VERSION, id: executionId(project.name, experiment.name, code.version), project: project.name,
      experiment: experiment.name, version: code.version, createdAt: new Date().toISOString(), source: code.source, definition,
    }
    await app.bus.emit('execution:created', { root: app.root, execution })
    progress({ type: 'created', what: 'execution', id: execution.id })
  }

  const started = new Date()
  const local = newRunLocalId(started)
  let run: RunRecord = {
    schemaVersion: SCHEMA_VERSION, id: runId(project.name, experiment.name, code.version, local), project: project.name,
    experiment: experiment.name, execution: code.version, run: local, status: 'running', startedAt: started.toISOString(),
    dataset: definition.dataset, pipeline: definition.pipeline, split: definition.split, ...(definition.grid ? { grid: definition.grid } : {}),
    seed: definition.seed, points: points.map((p) => flatParameters(applyPoint(steps, p))), environment: await captureEnvironment(dataset.record.hash),
  }
  await app.bus.emit('run:started', { root: app.root, run })
  progress({ type: 'run-started', run, total: points.length * splits.length })

  const perSplit: MetricValues[][] = points.map(() => [])
  try {
    await computeAll(app, run, dataset, steps, points, splits, perSplit, progress, options.signal)
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

async function computeAll(
  app: App, run: RunRecord, dataset: Dataset, steps: ResolvedStep[], points: GridPoint[], splits: Split[],
  perSplit: MetricValues[][], progress: (e: ProgressEvent) => void, signal?: AbortSignal,
): Promise<void> {
  const total = points.length * splits.length
  let done = 0
  for (const [p, point] of points.entries()) {
    const pointSteps = applyPoint(steps, point)
    for (const split of splits) {
      if (signal?.aborted) throw new CancelledError(`cancelled after ${done} of ${total} computations`)
      const started = performance.now()
      const outcome = await evaluateSplit(dataset, pointSteps, split, componentSeed(run.seed, split.index, p))
      const computation: ComputationRecord = {
        schemaVersion: SCHEMA_VERSION, id: computationId(run.id, computationLocalId(split.index, p)), run: run.id,
        split: split.index, point: p, parameters: run.points[p], trainSize: split.train.length, testSize: split.test.length,
        timings: { fitMs: outcome.fitMs, predictMs: outcome.predictMs },
      }
      await app.bus.emit('computation:finished', { root: app.root, run, computation, results: outcome.results, metrics: outcome.metrics })
      perSplit[p].push(outcome.metrics.values)
      done++
      const main = MAIN_METRIC[dataset.record.task]
      progress({ type: 'split-done', done, total, split: split.index, point: p, metric: main, value: outcome.metrics.values[main], ms: performance.now() - started })
    }
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
