import type { MetricValues } from '../model/types.js'
import { checkSameLength, sum } from './check.js'

export interface RegressionResult {
  values: MetricValues
}

/** mae, mse, rmse, r2 (sklearn's r2_score), mean_error (mean of predicted − true) and max_abs_error. */
export function regressionMetrics(yTrue: Float64Array, yPred: Float64Array): RegressionResult {
  checkSameLength(yTrue, yPred)
  const n = yTrue.length
  const errors = Array.from(yPred, (p, i) => p - yTrue[i])
  const sse = sum(errors.map((e) => e * e))
  const mse = sse / n
  const yMean = sum(yTrue) / n
  const sst = sum(Array.from(yTrue, (y) => (y - yMean) ** 2))
  return {
    values: {
      mae: sum(errors.map(Math.abs)) / n,
      mse,
      rmse: Math.sqrt(mse),
      r2: r2(sse, sst, n),
      mean_error: sum(errors) / n,
      max_abs_error: errors.reduce((m, e) => Math.max(m, Math.abs(e)), 0),
    },
  }
}

// Like sklearn: NaN for one row; with force_finite=True a constant truth scores 1 if predicted exactly, else 0.
function r2(sse: number, sst: number, n: number): number {
  if (n < 2) return NaN
  if (sst === 0) return sse === 0 ? 1 : 0
  return 1 - sse / sst
}
