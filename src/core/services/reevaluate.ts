import { InvalidInputError, closeMatches } from '../errors.js'
import { BUILTIN_METRICS, aggregate, appliesTo, scoreSplit, type MetricDefinition, type MetricInput, type MetricSelection } from '../metrics/index.js'
import { newRunLocalId } from '../model/ids.js'
import {
  SCHEMA_VERSION, type ComputationMetrics, type MetricChange, type MetricValues, type ReevaluationRecord, type ResultsFile, type RunMetrics, type RunRecord, type Task,
} from '../model/types.js'
import type { App } from './app.js'
import { metricsOfFile } from './metric-catalog.js'
import { locateRun } from './runs.js'
import type { Scope } from './scope.js'

export interface ReevaluateOptions {
  /** Metrics to recompute (default: every built-in metric that applies, plus the file's own). */
  metrics?: string[]
  /** A definition file whose defineMetric metrics may be recomputed. */
  file?: string
  scope?: Scope
}

export interface ReevaluateResult {
  run: RunRecord
  reevaluation: ReevaluationRecord
  metrics: RunMetrics
}

interface Stored { name: string; split: number; point: number; results: ResultsFile; old: ComputationMetrics }

/**
 * Recomputes a run's metrics from its stored per-row results, without refitting. The newest view
 * (the last reevaluation, else the run's own files) is the starting point: recomputed metrics
 * replace their values, every other value is carried over, and the whole view is stored as a new
 * reevaluations/<name>/ folder beside the run's files, which stay as they were.
 */
export async function reevaluateRun(app: App, ref: string, options: ReevaluateOptions = {}): Promise<ReevaluateResult> {
  const [p, e, v, r] = await locateRun(app, ref, options.scope ?? {})
  const run = await app.store.run(p, e, v, r)
  if (!run) throw new InvalidInputError(`Run '${ref}' has no run.json; nothing to reevaluate.`)
  if (run.status === 'running') throw new InvalidInputError(`Run ${run.id} is still running; reevaluate it once it has ended.`)
  const previous = (await app.store.reevaluationNames(p, e, v, r)).at(-1)
  const stored = await readComputations(app, [p, e, v, r], previous)
  if (stored.length === 0) throw new InvalidInputError(`Run ${run.id} has no computations with results to reevaluate.`)
  const task: Task = stored[0].results.classes ? 'classification' : 'regression'
  const classes = stored[0].results.classes ?? []
  const selection = choose(options, task, classes, options.file ? await metricsOfFile(options.file) : [])

  const recomputed = new Set<string>()
  const computations = stored.map((c) => {
    const scored = scoreSplit(selection, inputOf(c.results, task, classes))
    Object.keys(scored.values).forEach((k) => recomputed.add(k))
    const values: MetricValues = { ...withNaN(c.old.values), ...scored.values }
    return { ...c, metrics: { ...c.old, values } as ComputationMetrics }
  })
  const metrics = summarize(run, computations)
  const before = await app.store.runMetrics(p, e, v, r)
  const now = new Date()
  const name = newRunLocalId(now)
  const reevaluation: ReevaluationRecord = {
    schemaVersion: SCHEMA_VERSION, id: `${run.id}:${name}`, run: run.id, name, createdAt: now.toISOString(),
    metrics: selection.metrics.map((m) => m.name).filter((m) => recomputed.has(m)),
    ...(options.file ? { file: options.file } : {}),
    changes: [],
  }
  reevaluation.changes = changes(before, metrics, reevaluation.metrics)
  await app.bus.emit('run:reevaluated', { root: app.root, run, reevaluation, metrics, computations: computations.map((c) => ({ name: c.name, metrics: c.metrics })) })
  return { run, reevaluation, metrics }
}

function choose(options: ReevaluateOptions, task: Task, classes: string[], own: MetricDefinition[]): MetricSelection {
  const known = [...BUILTIN_METRICS, ...own]
  if (!options.metrics?.length) {
    return { metrics: known.filter((m) => appliesTo(m, task, classes)), explicit: new Set() }
  }
  const metrics = options.metrics.map((name) => {
    const metric = known.find((m) => m.name === name)
    if (!metric) {
      const close = closeMatches(name, known.map((m) => m.name))
      const hint = close.length ? ` Did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : ''
      throw new InvalidInputError(`Unknown metric '${name}'.${hint} Built-in ones: 'padre metric list'; your own: pass the definition file that defines it with --file.`, close)
    }
    if (!appliesTo(metric, task, classes)) {
      throw new InvalidInputError(metric.task !== task
        ? `Metric '${name}' is for ${metric.task}, but this run is ${task}.`
        : `Metric '${name}' needs two classes, but this run has ${classes.length}.`)
    }
    return metric
  })
  if (new Set(metrics.map((m) => m.name)).size !== metrics.length) throw new InvalidInputError('A metric is named twice in --metric; name each once.')
  return { metrics, explicit: new Set(metrics.map((m) => m.name)) }
}

async function readComputations(app: App, [p, e, v, r]: string[], previous: string | undefined): Promise<Stored[]> {
  const names = await app.store.computationNames(p, e, v, r)
  const all = await Promise.all(names.map(async (name): Promise<Stored | undefined> => {
    const [computation, results, own, later] = await Promise.all([
      app.store.computation(p, e, v, r, name), app.store.results(p, e, v, r, name), app.store.computationMetrics(p, e, v, r, name),
      previous ? app.store.reevaluatedComputationMetrics(p, e, v, r, previous, name) : undefined,
    ])
    const old = later ?? own
    return computation && results && old ? { name, split: computation.split, point: computation.point, results, old } : undefined
  }))
  // The order execute aggregated them in (split by split within each point), so means come out bit for bit.
  return all.filter((c): c is Stored => c !== undefined).sort((a, b) => a.point - b.point || a.split - b.split)
}

function inputOf(results: ResultsFile, task: Task, classes: string[]): MetricInput {
  const index = new Map(classes.map((c, i) => [c, i]))
  const code = (value: string | number, row: number, what: string): number => {
    if (task === 'regression') return Number(value)
    const i = index.get(String(value))
    if (i === undefined) throw new InvalidInputError(`results.json row ${row}: ${what} label '${value}' is not one of the classes ${classes.join(', ')}.`)
    return i
  }
  const rows = results.rows
  const probabilities = task === 'classification' && rows.length && rows.every((row) => row.probabilities) ? rows.map((row) => row.probabilities!) : undefined
  return {
    task, classes,
    truth: Float64Array.from(rows, (row, i) => code(row.truth, i, 'true')),
    predicted: Float64Array.from(rows, (row, i) => code(row.predicted, i, 'predicted')),
    ...(probabilities ? { probabilities } : {}),
  }
}

// JSON has no NaN: an undefined value (r2 of one row, roc_auc without a class) comes back as null.
function withNaN(values: Record<string, number | null>): MetricValues {
  return Object.fromEntries(Object.entries(values).map(([k, x]) => [k, x === null ? NaN : x]))
}

function summarize(run: RunRecord, computations: Array<{ point: number; metrics: ComputationMetrics }>): RunMetrics {
  const points = [...new Set(computations.map((c) => c.point))].sort((a, b) => a - b).map((point) => {
    const values = computations.filter((c) => c.point === point).map((c) => c.metrics.values)
    return { point, parameters: run.points[point], ...aggregate(values), splits: values.length }
  })
  return { schemaVersion: SCHEMA_VERSION, points }
}

function changes(before: RunMetrics | undefined, after: RunMetrics, names: string[]): MetricChange[] {
  const finite = (x: number | null | undefined) => (x === undefined || x === null || Number.isNaN(x) ? null : x)
  return after.points.flatMap((p) => names.map((metric) => ({
    point: p.point, metric,
    old: finite(before?.points.find((b) => b.point === p.point)?.mean[metric]),
    new: finite(p.mean[metric]),
  })))
}
