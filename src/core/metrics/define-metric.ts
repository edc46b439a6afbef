import { InvalidInputError } from '../errors.js'
import type { MetricSpec, Task } from '../model/types.js'
import type { MetricNeed } from './types.js'

/** What a user metric's compute receives besides the rows. */
export interface MetricContext {
  task: Task
  /** classification: the class labels, in the order of the probability columns; regression: []. */
  classes: string[]
}

/**
 * A metric written in the definition file. compute gets one split's test rows: for classification
 * truth and predicted are class labels (strings, as stored in results.json) and probabilities (when
 * the estimator gives them) one row per test row with a column per class in `context.classes` order;
 * for regression truth and predicted are numbers and probabilities undefined. It returns a number.
 */
export interface UserMetric {
  name: string
  task: Task
  /** null when neither direction is better. */
  higherIsBetter: boolean | null
  /** 'probabilities' skips the metric (or fails the run, when named in metrics) where the estimator gives none. */
  needs?: MetricNeed[]
  description?: string
  compute(truth: Array<string | number>, predicted: Array<string | number>, probabilities: number[][] | undefined, context: MetricContext): number
}

// Shared by the ESM and CommonJS builds of padre (a definition file may load either), hence Symbol.for.
const DEFINITION = Symbol.for('padre.metricDefinition')
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/

/** A metric for `metrics: [...]` in defineExperiment; the function travels with the spec, off the record. */
export function defineMetric(metric: UserMetric): MetricSpec {
  const bad = (what: string) => new InvalidInputError(`defineMetric(${JSON.stringify(metric?.name ?? '?')}): ${what}`)
  if (!metric || typeof metric.name !== 'string' || !NAME.test(metric.name)) throw bad("'name' must be letters, digits and _ (e.g. 'balanced_error')")
  if (metric.task !== 'classification' && metric.task !== 'regression') throw bad("'task' must be 'classification' or 'regression'")
  if (metric.higherIsBetter !== true && metric.higherIsBetter !== false && metric.higherIsBetter !== null) throw bad("'higherIsBetter' must be true, false or null")
  if (typeof metric.compute !== 'function') throw bad("'compute' must be a function (truth, predicted, probabilities, context) => number")
  if (metric.needs !== undefined && (!Array.isArray(metric.needs) || metric.needs.some((n) => n !== 'labels' && n !== 'probabilities'))) {
    throw bad("'needs' must list 'labels' and/or 'probabilities'")
  }
  const spec: MetricSpec = { metric: metric.name, origin: 'definition', higherIsBetter: metric.higherIsBetter }
  Object.defineProperty(spec, DEFINITION, { value: metric, enumerable: false })
  return spec
}

export function inlineMetric(spec: MetricSpec): UserMetric | undefined {
  return (spec as unknown as Record<symbol, UserMetric | undefined>)[DEFINITION]
}
