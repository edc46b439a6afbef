import type { Task } from '../model/types.js'
import { classificationMetrics, type ClassificationResult } from './classification.js'
import { brier, logLoss, rocAuc } from './probability.js'
import { regressionMetrics, type RegressionResult } from './regression.js'
import type { MetricDefinition, MetricInput } from './types.js'

// The label metrics share one confusion matrix (and the regression ones one pass) per split.
const classified = new WeakMap<MetricInput, ClassificationResult>()
const regressed = new WeakMap<MetricInput, RegressionResult>()

/** The label metrics and confusion matrix of one split, computed once. */
export function classificationOf(input: MetricInput): ClassificationResult {
  let result = classified.get(input)
  if (!result) classified.set(input, (result = classificationMetrics(input.truth, input.predicted, input.classes.length)))
  return result
}

function fromConfusion(name: string) {
  return (input: MetricInput): number => classificationOf(input).values[name]
}

function fromErrors(name: string) {
  return (input: MetricInput): number => {
    let result = regressed.get(input)
    if (!result) regressed.set(input, (result = regressionMetrics(input.truth, input.predicted)))
    return result.values[name]
  }
}

type Entry = [name: string, higherIsBetter: boolean | null, description: string]

const label = (task: Task, compute: (name: string) => (input: MetricInput) => number) => ([name, higherIsBetter, description]: Entry): MetricDefinition =>
  ({ name, task, higherIsBetter, needs: ['labels'], description, origin: 'builtin', compute: compute(name) })

const averages = ['macro: mean over the classes in the truth or the predictions', 'micro: over all rows', 'weighted: by class support']
const CLASSIFICATION: MetricDefinition[] = ([
  ['accuracy', true, 'share of rows predicted right'],
  ...['precision', 'recall', 'f1'].flatMap((m) => ['macro', 'micro', 'weighted'].map((a, i): Entry => [`${m}_${a}`, true, `${m}, ${averages[i]}`])),
] as Entry[]).map(label('classification', fromConfusion))

// Computed in this order, so the stored files keep the keys in the order they always had.
const ORDERED_CLASSIFICATION = ['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'precision_micro', 'recall_micro', 'f1_micro', 'precision_weighted', 'recall_weighted', 'f1_weighted']
  .map((name) => CLASSIFICATION.find((m) => m.name === name)!)

const PROBABILITY: MetricDefinition[] = [
  { name: 'log_loss', higherIsBetter: false, description: "cross-entropy of the probabilities (sklearn's log_loss)", compute: logLoss },
  { name: 'roc_auc', higherIsBetter: true, description: 'area under the ROC curve; one-vs-rest macro for more than two classes; NaN when a class is absent from the truth', compute: rocAuc },
  { name: 'brier', higherIsBetter: false, binaryOnly: true, description: 'mean squared error of the second class\'s probability (two classes only)', compute: brier },
].map((m) => ({ ...m, task: 'classification' as const, needs: ['labels', 'probabilities'] as MetricDefinition['needs'], origin: 'builtin' as const }))

const REGRESSION: MetricDefinition[] = ([
  ['mae', false, 'mean absolute error'],
  ['mse', false, 'mean squared error'],
  ['rmse', false, 'root mean squared error'],
  ['r2', true, "coefficient of determination (sklearn's r2_score)"],
  ['mean_error', null, 'mean of predicted − true (bias; 0 is best)'],
  ['max_abs_error', false, 'largest absolute error'],
] as Entry[]).map(label('regression', fromErrors))

/** Every built-in metric, in the order a split computes them. */
export const BUILTIN_METRICS: readonly MetricDefinition[] = [...ORDERED_CLASSIFICATION, ...PROBABILITY, ...REGRESSION]

export function builtinMetric(name: string): MetricDefinition | undefined {
  return BUILTIN_METRICS.find((m) => m.name === name)
}

/** Whether a metric can score this dataset: its task, and two classes for binary-only metrics. */
export function appliesTo(metric: MetricDefinition, task: Task, classes: readonly string[]): boolean {
  return metric.task === task && (!metric.binaryOnly || classes.length === 2)
}
