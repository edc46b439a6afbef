import type { Dataset } from '../core/data/dataset.js'
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
  /** The definition file, which a worker imports to find the components written in it. */
  file?: string
}
