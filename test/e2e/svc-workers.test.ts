import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExecuteResult } from '../../src/core/services/execute.js'
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js'
import { startRedis, stopChild, type RedisServer } from '../queue/redis.js'

// svc runs libsvm's WebAssembly build through padre's own loader (src/core/estimators/libsvm-wasm.ts):
// it must load and give the same records in the CLI's process, in piscina worker threads and in
// `padre worker` processes, and print nothing of emscripten's on stderr.

const flags = (name: string) => ['experiment', 'execute', '--create-project', '-p', 'Svc', '--name', name, '--dataset', 'iris', '--transformer', 'standardScaler',
  '--estimator', 'svc', '--grid', 'svc.C=0.5,2', '--split', 'stratified', '--folds', '3', '--seed', '7']

function recorded(root: string, run: ExecuteResult['run']): Record<string, unknown> {
  const dir = join(root, 'projects', run.project, 'experiments', run.experiment, 'executions', run.execution, 'runs', run.run, 'computations')
  const files: Record<string, unknown> = {}
  for (const c of readdirSync(dir).sort()) {
    for (const f of readdirSync(join(dir, c)).sort()) {
      const json = JSON.parse(readFileSync(join(dir, c, f), 'utf8'))
      if (f === 'computation.json') {
        delete json.timings; delete json.id; delete json.run; delete json.cacheKey
        for (const artifact of json.artifacts ?? []) delete artifact.producer // the cacheKey again; the model.json hashes must match
      }
      files[`${c}/${f}`] = json
    }
  }
  return files
}

function startWorker(box: Sandbox, url: string): Promise<{ child: ChildProcess; log: string[] }> {
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', url, '--concurrency', '1'], {
    env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'],
  })
  const log: string[] = []
  return new Promise((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      log.push(...chunk.split('\n').filter(Boolean))
      if (log.some((l) => l.includes('worker serving'))) resolve({ child, log })
    })
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${log.join('\n')}`)))
  })
}

describe('svc (libsvm WebAssembly) through the built CLI, worker threads and queue workers', () => {
  const box = sandbox()
  let redis: RedisServer
  const workers: { child: ChildProcess; log: string[] }[] = []
  beforeAll(async () => {
    redis = await startRedis()
    workers.push(await startWorker(box, redis.url), await startWorker(box, redis.url))
  })
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopChild(w.child)))
    await redis?.stop()
  })

  it('records the same run in one process, on two worker threads and through two padre workers', () => {
    const serial = box.run([...flags('serial'), '--jobs', '1', '--json'])
    const pooled = box.run([...flags('pooled'), '--jobs', '2', '--json'])
    const queued = box.run([...flags('queued'), '--queue', redis.url, '--json'])
    for (const r of [serial, pooled, queued]) {
      expect(r.status).toBe(0)
      expect(r.stderr).not.toMatch(/fetch|wasm|abort/i)
    }
    const [s, p, q] = [serial, pooled, queued].map((r) => JSON.parse(r.stdout) as ExecuteResult)
    const reference = recorded(box.root, s.run)
    expect(new Set(Object.keys(reference).map((f) => f.split('/')[0])).size).toBe(6) // 3 folds × 2 points
    expect(s.metrics.points).toEqual(p.metrics.points)
    expect(s.metrics.points).toEqual(q.metrics.points)
    expect(recorded(box.root, p.run)).toEqual(reference)
    expect(recorded(box.root, q.run)).toEqual(reference)
    for (const w of workers) expect(w.log.join('\n')).not.toMatch(/fetch|abort|error/i)
  })
})
