import type { ExecuteResult } from '../../src/core/services/execute.js'
import { redisWithWorkers } from '../queue/worker-process.js'
import { recordedComputations } from '../helpers/recorded-computations.js'
import { sandbox } from '../helpers/cli.js'

// svc runs libsvm's WebAssembly build through padre's own loader (src/core/estimators/libsvm-wasm.ts):
// it must load and give the same records in the CLI's process, in piscina worker threads and in
// `padre worker` processes, and print nothing of emscripten's on stderr.

const flags = (name: string) => ['experiment', 'execute', '--create-project', '-p', 'Svc', '--name', name, '--dataset', 'iris', '--transformer', 'standardScaler',
  '--estimator', 'svc', '--grid', 'svc.C=0.5,2', '--split', 'stratified', '--folds', '3', '--seed', '7']

describe('svc (libsvm WebAssembly) through the built CLI, worker threads and queue workers', () => {
  const box = sandbox()
  const { redis: server, workers } = redisWithWorkers(box)

  it('records the same run in one process, on two worker threads and through two padre workers', () => {
    const serial = box.run([...flags('serial'), '--jobs', '1', '--json'])
    const pooled = box.run([...flags('pooled'), '--jobs', '2', '--json'])
    const queued = box.run([...flags('queued'), '--queue', server().url, '--json'])
    for (const r of [serial, pooled, queued]) {
      expect(r.status).toBe(0)
      expect(r.stderr).not.toMatch(/fetch|wasm|abort/i)
    }
    const [s, p, q] = [serial, pooled, queued].map((r) => JSON.parse(r.stdout) as ExecuteResult)
    const reference = recordedComputations(box.root, s.run)
    expect(new Set(Object.keys(reference).map((f) => f.split('/')[0])).size).toBe(6) // 3 folds × 2 points
    expect(s.metrics.points).toEqual(p.metrics.points)
    expect(s.metrics.points).toEqual(q.metrics.points)
    expect(recordedComputations(box.root, p.run)).toEqual(reference)
    expect(recordedComputations(box.root, q.run)).toEqual(reference)
    for (const w of workers) expect(w.log.join('\n')).not.toMatch(/fetch|abort|error/i)
  })
})
