import { workerData } from 'node:worker_threads'
import type { ComponentSpec } from '../core/model/types.js'
import { evaluateSplit, type SplitOutcome } from '../core/services/evaluate-split.js'
import { resolveTaskSteps } from './resolve-steps.js'
import { needsDefinitionFile, type ComputationTask } from './task.js'
import { selectMetrics, type MetricChoice, type MetricSelection } from '../core/metrics/select.js'
import { openShared, serializeError, type SerializedError, type SharedDataset } from './transfer.js'

export interface PoolWorkerData {
  dataset: SharedDataset
  pipeline: ComponentSpec[]
  metrics?: MetricChoice[]
  file?: string
}

const data = workerData as PoolWorkerData
const dataset = openShared(data.dataset)
let defined: Promise<{ pipeline: ComponentSpec[]; selection: MetricSelection }> | undefined

/** Components and metrics written in the definition file are functions: the worker imports the file itself to have them. */
function definition(): Promise<{ pipeline: ComponentSpec[]; selection: MetricSelection }> {
  const { task, classes } = dataset.record
  return (defined ??= needsDefinitionFile(data)
    ? import('../core/definition/load-definition.js').then(async ({ loadDefinitionFile }) => {
      const loaded = (await loadDefinitionFile(data.file!)).definition
      return { pipeline: loaded.pipeline, selection: selectMetrics(loaded.metrics, task, classes) }
    })
    : Promise.resolve({ pipeline: data.pipeline, selection: selectMetrics(data.metrics, task, classes) }))
}

/** One computation, answered as its outcome or its error (errors keep their code across the thread boundary). */
export default async function evaluate(task: ComputationTask): Promise<{ outcome: SplitOutcome } | { error: SerializedError }> {
  try {
    const { pipeline, selection } = await definition()
    const steps = await resolveTaskSteps(task.steps, pipeline, dataset.record.task)
    return { outcome: await evaluateSplit(dataset, steps, task.split, task.seed, selection, { keepModel: task.keepModel }) }
  } catch (error) {
    return { error: serializeError(error) }
  }
}
