import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExecuteResult } from '../../src/core/services/execute.js'
import { redisWithWorkers, startWorker, type WorkerProcess } from './worker-process.js'
import { recordedComputations } from '../helpers/recorded-computations.js'
import { BIN, sandbox } from '../helpers/cli.js'
import { stopChild } from './redis.js'
import { eventsFromNow } from '../../src/runtime/queue/events-from-now.js'

const flags = (name: string) => ['experiment', 'execute', '--create-project', '-p', 'Queue', '--name', name, '--dataset', 'iris', '--transformer', 'standardScaler',
  '--estimator', 'logisticRegression', '--grid', 'logisticRegression.C=0.1,10', '--split', 'stratified', '--folds', '3', '--seed', '5']

describe('experiment execute --queue with padre workers on a real redis-server', () => {
  const box = sandbox()
  const { redis: server, workers } = redisWithWorkers(box)

  it('records through two workers exactly what a local run records', async () => {
    const queued = box.run([...flags('queued'), '--queue', server().url, '--json'])
    expect(queued.status).toBe(0)
    const local = box.json<ExecuteResult>(flags('local'))
    const q = JSON.parse(queued.stdout) as ExecuteResult
    expect(q.metrics.points).toEqual(local.metrics.points)
    expect(recordedComputations(box.root, q.run)).toEqual(recordedComputations(box.root, local.run))
    // the workers did each of the 6 computations once between them
    const done = () => workers.flatMap((w) => w.log.filter((l) => / done$/.test(l)))
    // the run was blocking this process: let the workers' logs arrive
    for (let i = 0; i < 100 && done().length < 6; i++) await new Promise((r) => setTimeout(r, 20))
    expect(done()).toHaveLength(6)
  })

  it("brings each computation's model.json back from the workers, stored here as a local run stores it", () => {
    const knn = (name: string) => ['experiment', 'execute', '-p', 'Queue', '--name', name, '--dataset', 'iris', '--transformer', 'standardScaler', '--estimator', 'knn', '--folds', '3', '--seed', '2']
    const queued = box.run([...knn('queued-knn'), '--queue', server().url, '--json'])
    expect(queued.status).toBe(0)
    const local = box.json<ExecuteResult>(knn('local-knn'))
    const models = (run: ExecuteResult['run']) => Object.entries(recordedComputations(box.root, run)).flatMap(([f, json]) =>
      f.endsWith('computation.json') ? (json as { artifacts: Array<{ path: string; sha256: string }> }).artifacts : [])
    const fromWorkers = models((JSON.parse(queued.stdout) as ExecuteResult).run)
    expect(fromWorkers.map((a) => a.path)).toEqual(['model.json', 'model.json', 'model.json'])
    expect(fromWorkers).toEqual(models(local.run))
    for (const { sha256 } of fromWorkers) expect(existsSync(join(box.root, 'artifacts', 'sha256', sha256.slice(0, 2), sha256.slice(2)))).toBe(true)
  })

  it('a worker killed mid-computation loses nothing: BullMQ hands its job to another worker, recorded once, equal to a local run', async () => {
    const go = join(box.dir, 'go')
    const definition = (name: string) => `import { existsSync } from 'node:fs'
import { defineComponent, defineExperiment } from 'padre'
// Fits only once the test lets it (the file ${go} exists), so a worker can be killed while it fits.
const waiter = defineComponent({
  name: 'waiter', kind: 'estimator', tasks: ['classification'],
  create() {
    let majority = 0
    return {
      async fit(X, y, ctx) {
        while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 20))
        const counts = new Array(ctx.nClasses).fill(0)
        for (const v of y) counts[v]++
        majority = counts.indexOf(Math.max(...counts))
      },
      predict(X) { return new Float64Array(X.rows).fill(majority) },
    }
  },
})
export default defineExperiment({ project: 'Queue', name: '${name}', dataset: 'iris', pipeline: [waiter()], split: { strategy: 'cv', folds: 2 }, seed: 1 })
`
    writeFileSync(join(box.dir, 'killed.mjs'), definition('killed'))
    writeFileSync(join(box.dir, 'here.mjs'), definition('here'))
    const stall = [await startWorker(box, server().url, ['--stall-seconds', '2']), await startWorker(box, server().url, ['--stall-seconds', '2'])]
    for (const w of workers) await stopChild(w.child) // only the two new workers serve this run
    workers.push(...stall)
    const submit = spawn(process.execPath, [BIN, 'experiment', 'execute', '--file', join(box.dir, 'killed.mjs'), '--queue', server().url, '--json'], {
      env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    submit.stdout!.setEncoding('utf8').on('data', (c: string) => { stdout += c })
    const exited = new Promise<number | null>((resolve) => submit.once('exit', resolve))
    const started = (w: WorkerProcess) => w.log.find((l) => / started$/.test(l))
    while (!stall.every(started)) await new Promise((r) => setTimeout(r, 20))
    const [victim, survivor] = stall
    const victimJob = started(victim)!.split(':')[0]
    await stopChild(victim.child, 'SIGKILL')
    writeFileSync(go, '')
    expect(await exited).toBe(0)
    const queued = JSON.parse(stdout) as ExecuteResult
    const local = box.json<ExecuteResult>(['experiment', 'execute', '--file', join(box.dir, 'here.mjs'), '--jobs', '1'])
    expect(recordedComputations(box.root, queued.run)).toEqual(recordedComputations(box.root, local.run))
    // the survivor finished its own job and then the one the killed worker had started; each job once
    const done = survivor.log.filter((l) => / done$/.test(l))
    expect(done).toHaveLength(2)
    expect(done.some((l) => l.startsWith(`${victimJob}:`))).toBe(true)
    expect(victim.log.some((l) => / done$/.test(l))).toBe(false)
  })

  it('refuses an unreachable Redis in one line before storing anything', () => {
    const r = box.run(['experiment', 'execute', '--create-project', '-p', 'Nowhere', '--name', 'x', '--dataset', 'iris', '--estimator', 'knn', '--queue', `unix://${box.dir}/no.sock`])
    expect(r.status).toBe(6)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Error: Cannot reach Redis at unix:\/\/.*no\.sock: .*Start redis-server there, or fix --queue\.$/)])
    expect(box.run(['project', 'list', '--json']).stdout).not.toMatch(/Nowhere/)
  })

  it('a worker refuses a job of another padre version with a clear message', async () => {
    // a fresh worker alone, whatever the workers of the kill test above are left doing
    for (const w of workers.splice(0)) await stopChild(w.child, 'SIGKILL')
    workers.push(await startWorker(box, server().url))
    const { Queue, QueueEvents } = await import('bullmq')
    const { Redis } = await import('ioredis')
    const connection = { path: server().socket }
    const redis = new Redis(connection)
    const queue = new Queue('padre-computations', { connection })
    const events = await eventsFromNow(QueueEvents, queue, redis, connection)
    try {
      const job = await queue.add('computation', { formatVersion: 1, padre: '0.0.0-elsewhere', datasetHash: 'x', pipeline: [], task: { split: { index: 0, train: [], test: [] }, point: 0, steps: [], seed: 1 } })
      const answer = await job.waitUntilFinished(events) as { error: { code: string; message: string } }
      expect(answer.error.code).toBe('VERSION')
      expect(answer.error.message).toMatch(/the run needs padre 0\.0\.0-elsewhere: run the same padre version on every worker/)
    } finally {
      await events.close()
      await queue.close()
      redis.disconnect()
    }
  })

  it('hears of a job that finished before its events were first read (the gap that hung a wait)', async () => {
    const { Queue, QueueEvents } = await import('bullmq')
    const { Redis } = await import('ioredis')
    const connection = { path: server().socket }
    const redis = new Redis(connection)
    const queue = new Queue('padre-computations', { connection })
    const events = await eventsFromNow(QueueEvents, queue, redis, connection, false)
    try {
      const job = await queue.add('computation', { formatVersion: 1, padre: '0.0.0-elsewhere', datasetHash: 'x', pipeline: [], task: { split: { index: 0, train: [], test: [] }, point: 0, steps: [], seed: 1 } })
      while (!(await job.isCompleted())) await new Promise((r) => setTimeout(r, 20))
      const heard = new Promise((resolve) => events.on('completed', (args) => { if (args.jobId === job.id) resolve(args) }))
      void events.run()
      expect(await heard).toMatchObject({ jobId: job.id })
    } finally {
      await events.close()
      await queue.close()
      redis.disconnect()
    }
  })

  it('refuses --jobs with --queue, and a URL that is not Redis', () => {
    const both = box.run([...flags('both'), '--queue', server().url, '--jobs', '2'])
    expect(both.status).toBe(2)
    expect(both.stderr).toMatch(/--jobs and --queue do not go together/)
    const http = box.run([...flags('http'), '--queue', 'http://example.invalid'])
    expect(http.status).toBe(2)
    expect(http.stderr).toMatch(/is not a Redis URL/)
  })
})
