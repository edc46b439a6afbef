import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PACKAGE_ROOT } from '../core/package-root.js'
import type { PoolWorkerData } from './pool-worker.js'
import type { ComputationRunner, ComputationTask, RunnerContext } from './task.js'
import { deserializeError, shareDataset } from './transfer.js'

/** Computations on `jobs` worker threads (piscina), each holding the dataset in shared memory. */
export async function poolRunner(context: RunnerContext, jobs: number): Promise<ComputationRunner & { concurrency: number }> {
  const { Piscina } = await import('piscina')
  const workerData: PoolWorkerData = {
    dataset: shareDataset(context.dataset),
    pipeline: JSON.parse(JSON.stringify(context.pipeline)),
    ...(context.metrics ? { metrics: JSON.parse(JSON.stringify(context.metrics)) } : {}),
    ...(context.file ? { file: context.file } : {}),
  }
  const pool = new Piscina({
    // Always the built worker: the source tree's .ts cannot be loaded by a bare worker thread.
    filename: pathToFileURL(join(PACKAGE_ROOT, 'dist', 'runtime', 'pool-worker.js')).href,
    minThreads: jobs, maxThreads: jobs, workerData, idleTimeout: 1000,
  })
  return {
    concurrency: jobs * 2,
    async evaluate(task: ComputationTask, signal?: AbortSignal) {
      const answer = await pool.run(task, signal ? { signal } : {})
      if ('error' in answer) throw deserializeError(answer.error)
      return answer.outcome
    },
    close: () => pool.destroy(),
  }
}
