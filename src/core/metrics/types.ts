import type { Task } from '../model/types.js'

export type MetricNeed = 'labels' | 'probabilities'

/** What every metric is computed from: one split's test rows. */
export interface MetricInput {
  task: Task
  /** classification: the class labels, in index order; regression: []. */
  classes: string[]
  /** classification: class indices 0..classes.length-1; regression: values. */
  truth: Float64Array
  predicted: Float64Array
  /** classification, when the estimator gives them: one row per test row, one column per class. */
  probabilities?: number[][]
}

export interface MetricDefinition {
  name: string
  task: Task
  /** null: neither direction is better (mean_error: 0 is best); never used to rank runs. */
  higherIsBetter: boolean | null
  needs: MetricNeed[]
  description: string
  origin: 'builtin' | 'definition'
  /** Applies only to two-class problems (brier). */
  binaryOnly?: boolean
  compute(input: MetricInput): number
}
