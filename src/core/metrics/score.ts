import { InvalidInputError } from '../errors.js'
import type { MetricValues } from '../model/types.js'
import { classificationOf } from './registry.js'
import type { MetricSelection } from './select.js'
import type { MetricInput } from './types.js'

/**
 * One split's metric values, in selection order, and (classification) its confusion matrix over every
 * class. A metric that needs probabilities is left out where the estimator gave none, unless the
 * definition named it: then the split fails, saying so.
 */
export function scoreSplit(selection: MetricSelection, input: MetricInput): { values: MetricValues; confusionMatrix?: number[][] } {
  const values: MetricValues = {}
  for (const metric of selection.metrics) {
    if (metric.needs.includes('probabilities') && !input.probabilities) {
      if (!selection.explicit.has(metric.name)) continue
      throw new InvalidInputError(`metric '${metric.name}' needs probabilities, but the pipeline's estimator gives none; drop it from 'metrics' or use an estimator with probabilities.`)
    }
    values[metric.name] = metric.compute(input)
  }
  if (input.task !== 'classification') return { values }
  return { values, confusionMatrix: classificationOf(input).confusionMatrix }
}
