import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { FileBackend } from '../../src/backends/file/file-backend.js'
import { GitBackend } from '../../src/backends/git/git-backend.js'
import { EventBus } from '../../src/core/events.js'
import { computationId, computationLocalId, executionId, experimentId, runId } from '../../src/core/model/ids.js'
import type {
  ComputationMetrics, ComputationRecord, ExecutionRecord, ExperimentRecord, ProjectRecord, ResultsFile, RunRecord, RunStatus,
} from '../../src/core/model/types.js'

/** Native git, synchronously (only when no server of this process is involved). */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } })
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} in ${cwd} failed (${r.status} ${r.signal} ${r.error}): ${r.stderr}`)
  return r.stdout
}

/** Native git, asynchronously: required when it talks to a server running in this process. */
export async function gitAsync(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } })
  return stdout
}

export function tempDir(prefix = 'padre-git-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export const AUTHOR = { name: 'Test Person', email: 'test@example.com' }

export function makeBus(backends: { file?: boolean; git?: GitBackend } = {}): EventBus {
  const bus = new EventBus()
  if (backends.file !== false) new FileBackend().subscribe(bus)
  ;(backends.git ?? new GitBackend({ author: AUTHOR })).subscribe(bus)
  return bus
}

const now = () => new Date().toISOString()

export async function createProject(bus: EventBus, root: string, name: string): Promise<ProjectRecord> {
  const project: ProjectRecord = { schemaVersion: 1, id: name, name, createdAt: now() }
  await bus.emit('project:created', { root, project })
  return project
}

export async function createExperiment(bus: EventBus, root: string, project: string, name: string): Promise<ExperimentRecord> {
  const experiment: ExperimentRecord = { schemaVersion: 1, id: experimentId(project, name), project, name, createdAt: now(), dataset: 'iris' }
  await bus.emit('experiment:created', { root, experiment })
  return experiment
}

export async function createExecution(bus: EventBus, root: string, project: string, experiment: string, version: string): Promise<ExecutionRecord> {
  const execution: ExecutionRecord = {
    schemaVersion: 1, id: executionId(project, experiment, version), project, experiment, version, createdAt: now(),
    source: { kind: 'spec', specHash: version, source: '{"pipeline":[]}' },
    definition: { project, name: experiment, dataset: 'iris', pipeline: [{ component: 'svc', params: { C: 1 } }], split: { strategy: 'cv', folds: 5 }, seed: 1 },
  }
  await bus.emit('execution:created', { root, execution })
  return execution
}

let counter = 0

/** A run of realistic size: 5 splits, each with computation/results/metrics (≈17 files with run.json and metrics.json). */
export async function recordRun(
  bus: EventBus, root: string, x: ExecutionRecord,
  opts: { status?: RunStatus; splits?: number; rows?: number; end?: boolean } = {},
): Promise<RunRecord> {
  const status = opts.status ?? 'finished'
  const splits = opts.splits ?? 5
  const local = `${new Date().toISOString().replace(/[-:.]/g, '')}-${(counter++).toString(16).padStart(4, '0')}`
  const run: RunRecord = {
    schemaVersion: 1, id: runId(x.project, x.experiment, x.version, local), project: x.project, experiment: x.experiment,
    execution: x.version, run: local, status: 'running', startedAt: now(), dataset: 'iris',
    pipeline: x.definition.pipeline, split: x.definition.split, seed: 1, points: [{ 'svc.C': 1 }],
    environment: { node: process.version, os: 'linux', arch: 'x64', cpus: 2, cpuModel: 'test', padre: '0.1.0', packages: {}, datasetHash: 'abc' },
  }
  await bus.emit('run:started', { root, run })
  for (let s = 0; s < splits; s++) {
    const computation: ComputationRecord = {
      schemaVersion: 1, id: computationId(run.id, computationLocalId(s, 0)), run: run.id, split: s, point: 0,
      parameters: { 'svc.C': 1 }, trainSize: 120, testSize: 30, timings: { fitMs: 1.5, predictMs: 0.2 },
    }
    const results: ResultsFile = {
      schemaVersion: 1, classes: ['a', 'b', 'c'],
      rows: Array.from({ length: opts.rows ?? 30 }, (_, i) => ({ index: i + s * 30, truth: i % 3, predicted: (i + s) % 3, probabilities: [0.2, 0.3, 0.5] })),
    }
    const metrics: ComputationMetrics = { schemaVersion: 1, values: { accuracy: 0.9 + s / 100 }, confusionMatrix: [[10, 0, 0], [0, 9, 1], [0, 1, 9]], classes: ['a', 'b', 'c'] }
    await bus.emit('computation:finished', { root, run, computation, results, metrics })
  }
  if (opts.end === false) return run
  const ended: RunRecord = {
    ...run, status, finishedAt: now(), durationMs: 12,
    ...(status === 'finished' ? { mainMetric: { name: 'accuracy', value: 0.92 } } : {}),
    ...(status === 'failed' ? { error: 'the estimator exploded' } : {}),
  }
  await bus.emit('run:ended', {
    root, run: ended,
    metrics: status === 'finished' ? { schemaVersion: 1, points: [{ point: 0, parameters: { 'svc.C': 1 }, mean: { accuracy: 0.92 }, std: { accuracy: 0.01 }, splits }] } : null,
  })
  return ended
}
