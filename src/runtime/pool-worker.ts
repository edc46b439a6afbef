import { workerData } from 'node:worker_threads'
import type { ComponentSpec } from '../core/model/types.js'
import { evaluateSplit, type SplitOutcome } from '../core/services/evaluate-split.js'
import { resolveTaskSteps } from './resolve-steps.js'
import type { ComputationTask } from './task.js'
import { openShared, serializeError, type SerializedError, type SharedDataset } from './transfer.js'

export interface PoolWorkerData {
  dataset: SharedDataset
  pipeline: ComponentSpec[]
  file?: string
}

const data = workerData as PoolWorkerData
const dataset = openShared(data.dataset)
let pipeline: Promise<ComponentSpec[]> | undefined

/** Components written in the definition file are functions: the worker imports the file itself to have them. */
function definedPipeline(): Promise<ComponentSpec[]> {
  return (pipeline ??= data.file && data.pipeline.some((s) => s.origin === 'definition' || s.origin === 'command')
    ? import('../core/definition/load-definition.js').then(async ({ loadDefinitionFile }) => (await loadDefinitionFile(data.file!)).definition.pipeline)
    : Promise.resolve(data.pipeline))
}

/** One computation, answered as its outcome or its error (errors keep their code across the thread boundary). */
export default async function evaluate(task: ComputationTask): Promise<{ outcome: SplitOutcome } | { error: SerializedError }> {
  try {
    const steps = await resolveTaskSteps(task.steps, await definedPipeline(), dataset.record.task)
    return { outcome: await evaluateSplit(dataset, steps, task.split, task.seed) }
  } catch (error) {
    return { error: serializeError(error) }
  }
}
