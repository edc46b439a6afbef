import { InvalidInputError } from '../errors.js'
import type { MetricValues } from '../model/types.js'
import { checkSameLength } from './check.js'

export interface ClassificationResult {
  values: MetricValues
  /** confusionMatrix[true][predicted], like sklearn's confusion_matrix. */
  confusionMatrix: number[][]
}

/**
 * Accuracy and precision / recall / F1 (macro, micro, weighted), matching scikit-learn's defaults
 * with zero_division=0: the averages run over the labels present in the truth or the predictions
 * (a class absent from both, as from a test fold, does not count); a present class never predicted
 * (or never true) scores 0 on the undefined ratio. The confusion matrix keeps every class.
 */
export function classificationMetrics(yTrue: Float64Array, yPred: Float64Array, nClasses: number): ClassificationResult {
  checkSameLength(yTrue, yPred)
  if (!Number.isInteger(nClasses) || nClasses < 1) {
    throw new InvalidInputError(`nClasses must be a positive integer, got ${nClasses}`)
  }
  const cm = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0))
  for (let i = 0; i < yTrue.length; i++) {
    cm[classIndex(yTrue[i], nClasses, 'true', i)][classIndex(yPred[i], nClasses, 'predicted', i)]++
  }

  const tp = cm.map((r, k) => r[k])
  const support = cm.map((r) => r.reduce((a, b) => a + b, 0))
  const predicted = cm[0].map((_, k) => cm.reduce((a, r) => a + r[k], 0))
  const precision = tp.map((t, k) => divide(t, predicted[k]))
  const recall = tp.map((t, k) => divide(t, support[k]))
  const f1 = precision.map((p, k) => fScore(p, recall[k]))
  const present = support.map((s, k) => s > 0 || predicted[k] > 0)

  const n = yTrue.length
  const tpSum = tp.reduce((a, b) => a + b, 0)
  const microP = divide(tpSum, predicted.reduce((a, b) => a + b, 0))
  const microR = divide(tpSum, support.reduce((a, b) => a + b, 0))

  return {
    values: {
      accuracy: tpSum / n,
      precision_macro: mean(precision, present),
      recall_macro: mean(recall, present),
      f1_macro: mean(f1, present),
      precision_micro: microP,
      recall_micro: microR,
      f1_micro: fScore(microP, microR),
      precision_weighted: weighted(precision, support),
      recall_weighted: weighted(recall, support),
      f1_weighted: weighted(f1, support),
    },
    confusionMatrix: cm,
  }
}

function classIndex(value: number, nClasses: number, which: string, row: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= nClasses) {
    throw new InvalidInputError(
      `${which} label ${value} at position ${row} is not a class index in 0..${nClasses - 1}; encode labels as class indices first`,
    )
  }
  return value
}

function divide(a: number, b: number): number {
  return b === 0 ? 0 : a / b
}

// sklearn 1.2: F = 2PR / (P + R), with 0 when P + R = 0.
function fScore(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r)
}

function mean(xs: number[], present: boolean[]): number {
  const kept = xs.filter((_, k) => present[k])
  return kept.reduce((a, b) => a + b, 0) / kept.length
}

function weighted(xs: number[], weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0)
  return total === 0 ? 0 : xs.reduce((a, x, k) => a + x * weights[k], 0) / total
}
