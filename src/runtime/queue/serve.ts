import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, normalize } from 'node:path'
import type { Dataset } from '../../core/data/dataset.js'
import { packageVersion } from '../../core/environment.js'
import { selectMetrics } from '../../core/metrics/select.js'
import type { ExperimentDefinition } from '../../core/model/types.js'
import { PACKAGE_ROOT } from '../../core/package-root.js'
import { evaluateSplit } from '../../core/services/evaluate-split.js'
import { resolveTaskSteps } from '../resolve-steps.js'
import { serializeError } from '../transfer.js'
import { checkReachable, describeQueue, parseQueueUrl } from './connection.js'
import { datasetKey, decodeFloats, encodeJson, FORMAT_VERSION, QUEUE_NAME, sourceKey, type ComputationJob, type JobAnswer } from './protocol.js'

export interface ServeOptions {
  concurrency: number
  /** Seconds before a job whose worker stopped answering is handed to another worker. */
  stallSeconds: number
  log: (line: string) => void
}

export interface ServingWorker {
  padre: string
  close(): Promise<void>
}

/** Serves computations from the queue until closed. Datasets and definition sources are fetched by hash, once. */
export async function serveQueue(url: string, options: ServeOptions): Promise<ServingWorker> {
  const connection = parseQueueUrl(url)
  await checkReachable(url, connection)
  const { Worker } = await import('bullmq')
  const { Redis } = await import('ioredis')
  const padre = await packageVersion(PACKAGE_ROOT)
  const redis = new Redis({ ...connection, maxRetriesPerRequest: 3 })
  const datasets = new Map<string, Promise<Dataset>>()
  const definitions = new Map<string, Promise<ExperimentDefinition>>()
  const scratch: string[] = []

  const dataset = (hash: string) => {
    let found = datasets.get(hash)
    if (!found) datasets.set(hash, found = fetchDataset(hash))
    return found
  }
  const fetchDataset = async (hash: string): Promise<Dataset> => {
    const text = await redis.get(datasetKey(hash))
    if (!text) throw new Error(`dataset ${hash.slice(0, 12)} is not in Redis`)
    const stored = JSON.parse(text) as { record: Dataset['record']; rows: number; cols: number; X: string; y: string }
    return { record: stored.record, X: { rows: stored.rows, cols: stored.cols, data: decodeFloats(stored.X) }, y: decodeFloats(stored.y) }
  }
  const definition = (hash: string) => {
    let found = definitions.get(hash)
    if (!found) definitions.set(hash, found = loadSource(hash))
    return found
  }
  const loadSource = async (hash: string) => {
    const text = await redis.get(sourceKey(hash))
    if (!text) throw new Error(`definition source ${hash.slice(0, 12)} is not in Redis`)
    const { name, source, files } = JSON.parse(text) as { name: string; source: string; files?: Array<{ path: string; content: string }> }
    const dir = await mkdtemp(join(tmpdir(), 'padre-worker-'))
    scratch.push(dir)
    await writeFile(join(dir, safeRelative(name)), source)
    for (const file of files ?? []) {
      const target = join(dir, safeRelative(file.path))
      await mkdir(dirname(target), { recursive: true })
      await writeFile(target, Buffer.from(file.content, 'base64'))
    }
    const { loadDefinitionFile } = await import('../../core/definition/load-definition.js')
    return (await loadDefinitionFile(join(dir, name))).definition
  }

  const worker = new Worker(QUEUE_NAME, async (job): Promise<JobAnswer> => {
    const data = job.data as ComputationJob
    const where = `split ${data.task.split.index} point ${data.task.point}`
    if (data.padre !== padre || data.formatVersion !== FORMAT_VERSION) {
      options.log(`refused job ${job.id} (${where}): it needs padre ${data.padre}, this worker runs ${padre}`)
      return { error: { code: 'VERSION', message: `a worker runs padre ${padre} and the run needs padre ${data.padre}: run the same padre version on every worker` } }
    }
    options.log(`job ${job.id}: ${where} started`)
    try {
      const ds = await dataset(data.datasetHash)
      const defined = data.sourceHash ? await definition(data.sourceHash) : { pipeline: data.pipeline, metrics: data.metrics }
      const steps = await resolveTaskSteps(data.task.steps, defined.pipeline, ds.record.task)
      const selection = selectMetrics(defined.metrics, ds.record.task, ds.record.classes)
      const split = { index: data.task.split.index, train: Int32Array.from(data.task.split.train), test: Int32Array.from(data.task.split.test) }
      const outcome = await evaluateSplit(ds, steps, split, data.task.seed, selection, { keepModel: data.task.keepModel })
      options.log(`job ${job.id}: ${where} done`)
      return { outcome: encodeJson(outcome) }
    } catch (error) {
      options.log(`job ${job.id}: ${where} failed: ${(error as Error).message}`)
      return { error: serializeError(error) }
    }
  }, { connection, concurrency: options.concurrency, lockDuration: options.stallSeconds * 1000, stalledInterval: options.stallSeconds * 1000, maxStalledCount: 2 })
  await worker.waitUntilReady()
  options.log(`padre ${padre} worker serving ${describeQueue(url)} (${options.concurrency} at a time)`)
  return {
    padre,
    async close() {
      await worker.close()
      redis.disconnect()
      await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })))
    },
  }
}

/** A path from a job, kept inside the worker's scratch folder. */
function safeRelative(path: string): string {
  const normal = normalize(path)
  if (isAbsolute(normal) || normal.split(/[\\/]/).includes('..')) throw new Error(`refusing the path '${path}' from a job: it leaves the job's folder`)
  return normal
}
