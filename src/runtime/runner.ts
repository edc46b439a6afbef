import { availableParallelism } from 'node:os'
import { InvalidInputError } from '../core/errors.js'
import { inProcessRunner } from './in-process.js'
import type { ComputationRunner, RunnerContext } from './task.js'

/** Below this many rows × computations, starting worker threads costs more than it saves. */
export const AUTO_POOL_MIN_WORK = 20_000

/** concurrency: computations kept in flight ahead of the recording; jobs: threads (Infinity on a queue); queue: where. */
export type SizedRunner = ComputationRunner & { concurrency: number; jobs: number; queue?: string }

/**
 * The runner for a run: `jobs` worker threads, or this process for jobs = 1. Without --jobs, every core
 * for runs with enough work, this process for small ones (iris in 5 folds finishes before two workers start).
 */
export async function computationRunner(context: RunnerContext, computations: number, jobs?: number, queue?: string): Promise<SizedRunner> {
  if (queue !== undefined) {
    if (jobs !== undefined) throw new InvalidInputError('--jobs and --queue do not go together: with --queue, the workers decide (padre worker --concurrency N).')
    const { queueRunner } = await import('./queue/submit.js')
    return queueRunner(context, queue)
  }
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new InvalidInputError(`--jobs must be a whole number of at least 1, got ${jobs}; use --jobs 1 to run in this process.`)
  const work = context.dataset.X.rows * computations
  const wanted = jobs ?? (work >= AUTO_POOL_MIN_WORK ? availableParallelism() : 1)
  const threads = Math.min(wanted, computations)
  if (threads <= 1) return { ...inProcessRunner(context), concurrency: 1, jobs: 1 }
  const { poolRunner } = await import('./pool.js')
  return { ...(await poolRunner(context, threads)), jobs: threads }
}
