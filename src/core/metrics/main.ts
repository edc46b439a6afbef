import type { Task } from '../model/types.js'
import { BUILTIN_METRICS } from './registry.js'

/** The metric runs are ranked by when nothing else is asked for. */
export const MAIN_METRIC: Record<Task, string> = {
  classification: 'accuracy',
  regression: 'r2',
}

/**
 * Sort direction of each built-in metric, from the registry. mean_error (bias) is deliberately
 * absent: neither a higher nor a lower value is better (0 is), so callers should not rank by it.
 */
export const METRIC_HIGHER_IS_BETTER: Record<string, boolean> = Object.fromEntries(
  BUILTIN_METRICS.filter((m) => m.higherIsBetter !== null).map((m) => [m.name, m.higherIsBetter as boolean]),
)
