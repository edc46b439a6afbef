import type { Dataset } from '../core/data/dataset.js'
import type { MetricChoice, MetricSelection } from '../core/metrics/select.js'
import type { ComponentSpec } from '../core/model/types.js'
import type { SplitOutcome } from '../core/services/evaluate-split.js'
import type { Split } from '../core/splits/index.js'

/** One computation: a pipeline (one grid point's parameters applied) fitted and evaluated on one split. */
export interface ComputationTask {
  split: Split
  point: number
  /** The pipeline with this point's parameters; inline (definition-file) components are found again by name. */
  steps: ComponentSpec[]
  seed: number
  /** Save the fitted pipeline (model.json); it travels back in the outcome's artifacts. */
  keepModel?: boolean
}

/** Where computations run: in this process, or on a pool of worker threads. Results are the same. */
export interface ComputationRunner {
  evaluate(task: ComputationTask, signal?: AbortSignal): Promise<SplitOutcome>
  close(): Promise<void>
}

export interface RunnerContext {
  dataset: Dataset
  /** The pipeline as defined (with inline definitions attached), to resolve a task's steps. */
  pipeline: ComponentSpec[]
  /** The definition file, which a worker imports to find the components (and metrics) written in it. */
  file?: string
  /** The definition's metric choices (names, or defineMetric specs found again in the file)... */
  metrics?: MetricChoice[]
  /** ...and what they resolved to here, for computations in this process. */
  selection: MetricSelection
}

/** Whether a worker must import the definition file: it holds components or metrics written in it. */
export function needsDefinitionFile(context: { file?: string; pipeline: ComponentSpec[]; metrics?: MetricChoice[] }): boolean {
  return context.file !== undefined && (
    context.pipeline.some((s) => s.origin === 'definition' || s.origin === 'command') ||
    (context.metrics ?? []).some((m) => typeof m !== 'string' && m.origin === 'definition'))
}
