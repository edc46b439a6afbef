// Runs recorded straight through the backends (no estimator, no CLI), for the benchmarks of the git
// backend's cost (bench/git.mjs) and of packing (bench/gc.mjs): an iris-svc experiment of SPLITS folds
// whose computations each hold ROWS result rows.
import { performance } from 'node:perf_hooks'

export const AUTHOR = { name: 'padre bench', email: 'bench@localhost' }
export const SPLITS = 5
export const ROWS = 30

const now = () => new Date().toISOString()

/** Subscribe `backend` to `bus` with a stopwatch around each of its handlers, adding to clock.ms. */
export function subscribeTimed(bus, backend, clock) {
  backend.subscribe({
    on: (type, handler, name) => bus.on(type, async (payload) => {
      const t0 = performance.now()
      try { await handler(payload) } finally { clock.ms += performance.now() - t0 }
    }, name),
  })
}

/**
 * Creates the project, experiment and execution, and returns `record(i)`, which records run i (started,
 * SPLITS computations, ended) and returns its local id.
 */
export async function benchExperiment(bus, root, { project, experiment, version }) {
  await bus.emit('project:created', { root, project: { schemaVersion: 1, id: project, name: project, createdAt: now() } })
  await bus.emit('experiment:created', { root, experiment: { schemaVersion: 1, id: `${project}:${experiment}`, project, name: experiment, createdAt: now(), dataset: 'iris' } })
  const definition = { project, name: experiment, dataset: 'iris', pipeline: [{ component: 'standardScaler', params: {} }, { component: 'svc', params: { C: 1 } }], split: { strategy: 'cv', folds: SPLITS }, seed: 1 }
  const source = 'export default defineExperiment(' + JSON.stringify(definition, null, 2) + ')\n'
  await bus.emit('execution:created', { root, execution: { schemaVersion: 1, id: `${project}:${experiment}:${version}`, project, experiment, version, createdAt: now(), source: { kind: 'file', file: '/bench/iris.ts', contentHash: 'x', source, note: 'bench' }, definition } })
  return async (i) => {
    const local = `${now().replace(/[-:.]/g, '')}-${i.toString(16).padStart(4, '0')}`
    const base = { schemaVersion: 1, id: `${project}:${experiment}:${version}:${local}`, project, experiment, execution: version, run: local, startedAt: now(), dataset: 'iris', pipeline: definition.pipeline, split: definition.split, seed: 1, points: [{ 'svc.C': 1 }], environment: { node: process.version, os: process.platform, arch: process.arch, cpus: 2, cpuModel: 'bench', padre: '0.1.0', packages: { 'libsvm-js': '0.2.1' }, datasetHash: 'f'.repeat(64) } }
    await bus.emit('run:started', { root, run: { ...base, status: 'running' } })
    for (let s = 0; s < SPLITS; s++) {
      const computation = { schemaVersion: 1, id: `${base.id}:split-${s}-point-0`, run: base.id, split: s, point: 0, parameters: { 'svc.C': 1 }, trainSize: 120, testSize: ROWS, timings: { fitMs: 1.2 + s, predictMs: 0.1 } }
      const results = { schemaVersion: 1, classes: ['setosa', 'versicolor', 'virginica'], rows: Array.from({ length: ROWS }, (_, r) => ({ index: s * ROWS + r, truth: r % 3, predicted: (r + (r % 7 === 0 ? 1 : 0)) % 3, probabilities: [0.1, 0.2, 0.7].map((p) => p + ((r + i) % 5) / 1000) })) }
      const metrics = { schemaVersion: 1, values: { accuracy: 0.9 + ((i + s) % 10) / 100, f1_macro: 0.89 }, confusionMatrix: [[10, 0, 0], [0, 9, 1], [0, 1, 9]], classes: ['setosa', 'versicolor', 'virginica'] }
      await bus.emit('computation:finished', { root, run: { ...base, status: 'running' }, computation, results, metrics })
    }
    await bus.emit('run:ended', { root, run: { ...base, status: 'finished', finishedAt: now(), durationMs: 50, mainMetric: { name: 'accuracy', value: 0.9 + (i % 10) / 100 } }, metrics: { schemaVersion: 1, points: [{ point: 0, parameters: { 'svc.C': 1 }, mean: { accuracy: 0.93 }, std: { accuracy: 0.02 }, splits: SPLITS }] } })
    return local
  }
}
