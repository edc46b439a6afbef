import { InvalidInputError } from '../errors.js'
import { sum } from './check.js'
import type { MetricInput } from './types.js'

const EPS = 2.220446049250313e-16 // numpy's float64 eps, sklearn 1.2's log_loss eps='auto'

function probabilities(input: MetricInput): number[][] {
  const p = input.probabilities
  if (!p) throw new InvalidInputError('this metric needs probabilities, and the estimator gave none')
  if (p.length !== input.truth.length) {
    throw new InvalidInputError(`cannot score ${p.length} probability rows against ${input.truth.length} true values`)
  }
  p.forEach((row, i) => {
    if (row.length !== input.classes.length) {
      throw new InvalidInputError(`probability row ${i} has ${row.length} columns for ${input.classes.length} classes; give one column per class`)
    }
  })
  return p
}

/** sklearn's log_loss(y, p, labels=all classes): probabilities clipped to [eps, 1-eps], rows renormalised. */
export function logLoss(input: MetricInput): number {
  const p = probabilities(input)
  const losses = p.map((row, i) => {
    const clipped = row.map((v) => Math.min(Math.max(v, EPS), 1 - EPS))
    const total = clipped.reduce((a, b) => a + b, 0)
    return -Math.log(clipped[input.truth[i]] / total)
  })
  return sum(losses) / losses.length
}

/**
 * sklearn's roc_auc_score: binary on the second class's probability; more classes one-vs-rest,
 * macro-averaged over every class. NaN when a class has no positive or no negative row in the
 * truth (sklearn raises there: the area is undefined).
 */
export function rocAuc(input: MetricInput): number {
  const p = probabilities(input)
  const n = input.classes.length
  if (n === 2) return binaryAuc(input.truth, p.map((r) => r[1]), 1)
  let total = 0
  for (let k = 0; k < n; k++) total += binaryAuc(input.truth, p.map((r) => r[k]), k)
  return total / n
}

/**
 * Area under the ROC curve as the Mann–Whitney statistic: the share of (positive, negative) pairs
 * ranked right, ties counted half. Both sides sorted natively, then counted in one merge.
 */
function binaryAuc(truth: Float64Array, scores: number[], positive: number): number {
  const pos = Float64Array.from(scores.filter((_, i) => truth[i] === positive)).sort()
  const neg = Float64Array.from(scores.filter((_, i) => truth[i] !== positive)).sort()
  if (pos.length === 0 || neg.length === 0) return NaN
  let below = 0 // negatives scored lower than the current positive
  let upTo = 0 // negatives scored lower or the same
  let pairs = 0
  for (const p of pos) {
    while (below < neg.length && neg[below] < p) below++
    while (upTo < neg.length && neg[upTo] <= p) upTo++
    pairs += below + (upTo - below) / 2
  }
  return pairs / (pos.length * neg.length)
}

/** sklearn's brier_score_loss on the second class's probability (pos_label = the second class). */
export function brier(input: MetricInput): number {
  const p = probabilities(input)
  if (input.classes.length !== 2) throw new InvalidInputError(`brier is for two classes; this dataset has ${input.classes.length}`)
  return sum(p.map((r, i) => ((input.truth[i] === 1 ? 1 : 0) - r[1]) ** 2)) / p.length
}
