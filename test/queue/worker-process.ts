import { spawn, type ChildProcess } from 'node:child_process'
import { BIN, type Sandbox } from '../helpers/cli.js'

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
