import type { ParamValue, Task } from '../model/types.js'
import type { Matrix } from './matrix.js'

export interface FitContext {
  task: Task
  /** classification: number of classes; y holds class indices 0..nClasses-1 as floats. */
  nClasses: number
  /** classification: the class labels, in index order (class index i is classes[i]). */
  classes?: string[]
  /** Seed for anything random inside the component (derived from the experiment seed). */
  seed: number
  /**
   * Keep a file with the computation: stored once by content hash under <root>/artifacts/ and referenced
   * from computation.json as '<component>/<path>'. path is relative ('plots/loss.svg'); a later save of
   * the same path replaces the earlier one.
   */
  saveArtifact?(path: string, content: string | Uint8Array): void
}

/** A fitted component's state as plain JSON (typed arrays as base64 or plain numbers; libsvm models as libsvm's text). */
export type ComponentState = unknown

/** A fitted built-in offers its state, so a saved model predicts later without refitting. */
export interface SavesState {
  saveState(): ComponentState
}

export interface Transformer {
  fit(X: Matrix, y: Float64Array, ctx: FitContext): void
  transform(X: Matrix): Matrix
}

export interface Estimator {
  fit(X: Matrix, y: Float64Array, ctx: FitContext): void
  /** classification: class indices; regression: values. */
  predict(X: Matrix): Float64Array
  /** classification only, where the model has them: rows × nClasses. */
  predictProba?(X: Matrix): Matrix
}

/** Built-ins answer synchronously; user code and external commands may return promises. The pipeline awaits both. */
export type MaybePromise<T> = T | Promise<T>

export interface AsyncTransformer {
  fit(X: Matrix, y: Float64Array, ctx: FitContext): MaybePromise<void>
  transform(X: Matrix): MaybePromise<Matrix>
}

export interface AsyncEstimator {
  fit(X: Matrix, y: Float64Array, ctx: FitContext): MaybePromise<void>
  predict(X: Matrix): MaybePromise<Float64Array>
  predictProba?(X: Matrix): MaybePromise<Matrix>
}

export interface ParamSpec {
  type: 'int' | 'number' | 'string' | 'boolean' | 'enum'
  default: ParamValue
  min?: number
  max?: number
  /** enum: the accepted values. */
  values?: string[]
  /** null is accepted (e.g. maxDepth: null for unlimited). */
  nullable?: boolean
  description: string
}

/** What is known of the data before a run starts: the smallest training set of the splits. */
export interface DataShape {
  nTrain: number
  nFeatures: number
  nClasses: number
  task: Task
}

export interface ComponentDefinition {
  name: string
  kind: 'transformer' | 'estimator'
  /** estimators: the tasks they handle. */
  tasks: Task[]
  description: string
  params: Record<string, ParamSpec>
  /**
   * Limits against the data, checked before anything is stored (e.g. knn's k above the training
   * rows): a message naming the problem and the fix, or undefined when the parameters fit.
   */
  check?(params: Record<string, ParamValue>, data: DataShape): string | undefined
  /** params arrive validated and complete (defaults filled in). */
  create(params: Record<string, ParamValue>): Promise<Transformer | Estimator | AsyncTransformer | AsyncEstimator>
  /** Rebuilds a fitted component from what its saveState() returned; it then predicts bit-identically. */
  restore?(params: Record<string, ParamValue>, state: ComponentState): Promise<Transformer | Estimator>
}
