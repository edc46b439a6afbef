import { createHash } from 'node:crypto'
import type { ComputationRecord, ParamValue } from '../model/types.js'
import type { Split } from '../splits/index.js'
import type { App } from './app.js'
import type { SplitOutcome } from './evaluate-split.js'

/** What makes a computation: same key, same predictions. */
export interface ComputationInputs {
  version: string
  datasetHash: string
  parameters: Record<string, ParamValue>
  split: Split
  seed: number
  padre: string
}

export function computationKey(inputs: ComputationInputs): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify([inputs.version, inputs.datasetHash, sortedEntries(inputs.parameters), inputs.seed, inputs.padre]))
  hash.update(new Uint8Array(inputs.split.train.buffer, inputs.split.train.byteOffset, inputs.split.train.byteLength))
  hash.update('|')
  hash.update(new Uint8Array(inputs.split.test.buffer, inputs.split.test.byteOffset, inputs.split.test.byteLength))
  return hash.digest('hex')
}

export interface CachedComputation {
  computation: ComputationRecord
  outcome: SplitOutcome
}

export interface RunCache {
  lookup(key: string): Promise<CachedComputation | undefined>
}

/**
 * The computations already recorded for one code version of an experiment, by key. The key includes
 * the code version, so only that execution's folder is read; the records are in git, so the cache
 * comes along with `project clone`. A record whose files are gone is a miss, never an error.
 */
export async function openRunCache(app: App, project: string, experiment: string, version: string): Promise<RunCache> {
  const byKey = new Map<string, [string, string]>()
  for (const run of await app.store.runNames(project, experiment, version)) {
    for (const local of await app.store.computationNames(project, experiment, version, run)) {
      const record = await app.store.computation(project, experiment, version, run, local)
      if (record?.cacheKey && !byKey.has(record.cacheKey)) byKey.set(record.cacheKey, [run, local])
    }
  }
  return {
    async lookup(key) {
      const found = byKey.get(key)
      if (!found) return undefined
      const [run, local] = found
      const [computation, results, metrics] = await Promise.all([
        app.store.computation(project, experiment, version, run, local),
        app.store.results(project, experiment, version, run, local),
        app.store.computationMetrics(project, experiment, version, run, local),
      ])
      if (!computation || !results || !metrics) return undefined
      return { computation, outcome: { results, metrics, fitMs: 0, predictMs: 0 } }
    },
  }
}

export const NO_CACHE: RunCache = { lookup: async () => undefined }

function sortedEntries(values: Record<string, ParamValue>): Array<[string, ParamValue]> {
  return Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
