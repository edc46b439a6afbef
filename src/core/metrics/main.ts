import type { Task } from '../model/types.js'

/** The metric runs are ranked by when nothing else is asked for. */
export const MAIN_METRIC: Record<Task, string> = {
  classification: 'accuracy',
  regression: 'r2',
}

/**
 * Sort direction of each metric. mean_error (bias) is deliberately absent: neither a higher
 * nor a lower value is better (0 is), so callers should not rank by it.
 */
export const METRIC_HIGHER_IS_BETTER: Record<string, boolean> = {
  accuracy: true,
  precision_macro: true,
  recall_macro: true,
  f1_macro: true,
  precision_micro: true,
  recall_micro: true,
  f1_micro: true,
  precision_weighted: true,
  recall_weighted: true,
  f1_weighted: true,
  r2: true,
  mae: false,
  mse: false,
  rmse: false,
  max_abs_error: false,
}
