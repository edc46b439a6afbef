import { createHash, randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { commandSources } from '../command/sources.js'
import { packageVersion } from '../../core/environment.js'
import { BackendError } from '../../core/errors.js'
import { PACKAGE_ROOT } from '../../core/package-root.js'
import type { SplitOutcome } from '../../core/services/evaluate-split.js'
import type { SizedRunner } from '../runner.js'
import { needsDefinitionFile, type ComputationTask, type RunnerContext } from '../task.js'
import { deserializeError } from '../transfer.js'
import { checkReachable, describeQueue, parseQueueUrl } from './connection.js'
import { eventsFromNow } from './events-from-now.js'
import { datasetKey, decodeJson, encodeFloats, FORMAT_VERSION, QUEUE_NAME, sourceKey, type ComputationJob, type JobAnswer } from './protocol.js'

/**
 * Computations as BullMQ jobs for `padre worker` processes on any machine that reaches the Redis server.
 * This process stays the only writer: it records each outcome, in order, as the jobs finish. The dataset
 * and the definition's source are put in Redis once, by content hash.
 */
export async function queueRunner(context: RunnerContext, url: string): Promise<SizedRunner> {
  const connection = parseQueueUrl(url)
  await checkReachable(url, connection)
  const { Queue, QueueEvents } = await import('bullmq')
  const { Redis } = await import('ioredis')
  const padre = await packageVersion(PACKAGE_ROOT)

  const redis = new Redis({ ...connection, maxRetriesPerRequest: 3 })
  const { dataset } = context
  await redis.set(datasetKey(dataset.record.hash), JSON.stringify({
    record: dataset.record, rows: dataset.X.rows, cols: dataset.X.cols, X: encodeFloats(dataset.X.data), y: encodeFloats(dataset.y),
  }), 'NX')
  let sourceHash: string | undefined
  if (needsDefinitionFile(context)) {
    const source = await readFile(context.file!, 'utf8')
    // The scripts and files of command components travel with the definition, by their paths beside it.
    const files = await Promise.all(commandSources(context.pipeline, dirname(context.file!)).map(async (f) => ({
      path: f.path, content: (await readFile(join(dirname(context.file!), f.path))).toString('base64'),
    })))
    const bundle = JSON.stringify({ name: basename(context.file!), source, files })
    sourceHash = createHash('sha256').update(bundle).digest('hex')
    await redis.set(sourceKey(sourceHash), bundle, 'NX')
  }

  const queue = new Queue(QUEUE_NAME, { connection })
  const events = await eventsFromNow(QueueEvents, queue, redis, connection)
  const batch = randomBytes(6).toString('hex')
  const pipeline = JSON.parse(JSON.stringify(context.pipeline))
  const metrics = context.metrics ? JSON.parse(JSON.stringify(context.metrics)) : undefined
  const added: Array<{ remove(): Promise<void>; isActive(): Promise<boolean> }> = []

  return {
    concurrency: Number.POSITIVE_INFINITY,
    jobs: Number.POSITIVE_INFINITY,
    queue: describeQueue(url),
    async evaluate(task: ComputationTask): Promise<SplitOutcome> {
      const job: ComputationJob = {
        formatVersion: FORMAT_VERSION, padre, datasetHash: dataset.record.hash, ...(sourceHash ? { sourceHash } : {}), pipeline, ...(metrics ? { metrics } : {}),
        task: { split: { index: task.split.index, train: Array.from(task.split.train), test: Array.from(task.split.test) }, point: task.point, steps: task.steps, seed: task.seed, ...(task.keepModel ? { keepModel: true } : {}) },
      }
      // The job id makes adding the same computation twice a no-op; a job whose worker dies is retried by BullMQ.
      const added_ = await queue.add('computation', job, {
        jobId: `${batch}-s${task.split.index}-p${task.point}`, attempts: 3, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 },
      })
      added.push(added_)
      const answer = await added_.waitUntilFinished(events).catch((error: Error) => {
        throw new BackendError(`A worker failed computation split ${task.split.index} point ${task.point}: ${error.message}`)
      }) as JobAnswer
      if ('error' in answer) throw deserializeError(answer.error)
      return decodeJson<SplitOutcome>(answer.outcome)
    },
    async close() {
      // Jobs still waiting (a cancelled or failed run) are taken back; active ones finish and are ignored.
      await Promise.all(added.map(async (job) => { if (!(await job.isActive().catch(() => true))) await job.remove().catch(() => {}) }))
      await Promise.all([events.close(), queue.close()])
      redis.disconnect()
    },
  }
}
