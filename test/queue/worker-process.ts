import { spawn, type ChildProcess } from 'node:child_process'
import { BIN, type Sandbox } from '../helpers/cli.js'
import { startRedis, stopChild, type RedisServer } from './redis.js'

export interface WorkerProcess { child: ChildProcess; log: string[] }

/** A `padre worker` child process, resolved once it serves the queue. */
export function startWorker(box: Sandbox, url: string, extra: string[] = []): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', url, '--concurrency', '1', ...extra], {
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

/**
 * For a describe block: a redis-server and two padre workers started before its tests, stopped after.
 * `workers` is the live list (a test may stop some and push others; all are stopped at the end).
 */
export function redisWithWorkers(box: Sandbox): { redis: () => RedisServer; workers: WorkerProcess[] } {
  let redis: RedisServer | undefined
  const workers: WorkerProcess[] = []
  beforeAll(async () => {
    redis = await startRedis()
    workers.push(await startWorker(box, redis.url), await startWorker(box, redis.url))
  })
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopChild(w.child)))
    await redis?.stop()
  })
  return { redis: () => redis!, workers }
}
