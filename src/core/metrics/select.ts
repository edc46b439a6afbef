import { InvalidInputError, closeMatches } from '../errors.js'
import type { MetricSpec, Task } from '../model/types.js'
import { inlineMetric } from './define-metric.js'
import { MAIN_METRIC } from './main.js'
import { BUILTIN_METRICS, appliesTo, builtinMetric } from './registry.js'
import type { MetricDefinition } from './types.js'
import { fromUserMetric } from './user-metric.js'

export type MetricChoice = string | MetricSpec

/** The metrics a split computes; `explicit` are those named in the definition (they may not be skipped). */
export interface MetricSelection {
  metrics: MetricDefinition[]
  explicit: Set<string>
}

const nameOf = (choice: MetricChoice) => (typeof choice === 'string' ? choice : choice.metric)

/**
 * The shape of a definition's `metrics`, checked before anything is stored: a list of built-in
 * names or defineMetric(...) results, no unknown name (with a did-you-mean), no duplicate. The
 * task is checked later, by selectMetrics, once the dataset is known. Returns the same objects.
 */
export function checkMetricChoices(value: unknown, origin: string): MetricChoice[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw new InvalidInputError(`${origin}: 'metrics' must be a list, e.g. ['accuracy', 'f1_macro', myMetric].`)
  const seen = new Set<string>()
  value.forEach((choice: unknown, i) => {
    const spec = choice as MetricSpec
    if (typeof choice !== 'string' && !(choice && typeof spec.metric === 'string')) {
      throw new InvalidInputError(`${origin}: metrics[${i}] must be a metric name or defineMetric({...}).`)
    }
    const name = nameOf(choice as MetricChoice)
    if (seen.has(name)) throw new InvalidInputError(`${origin}: metric '${name}' is listed twice in 'metrics'; list each once.`)
    seen.add(name)
    if (typeof choice === 'string' && !builtinMetric(choice)) {
      const close = closeMatches(choice, BUILTIN_METRICS.map((m) => m.name))
      throw new InvalidInputError(`${origin}: unknown metric '${choice}' in 'metrics'.${close.length ? ` Did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : " Run 'padre metric list' to see them."}`, close)
    }
    if (typeof choice !== 'string' && spec.origin === 'definition' && !inlineMetric(spec)) {
      throw new InvalidInputError(`${origin}: metric '${name}' must come from defineMetric({...}) in the definition file.`)
    }
    if (typeof choice !== 'string' && inlineMetric(spec) && builtinMetric(name)) {
      throw new InvalidInputError(`${origin}: defineMetric name '${name}' is a built-in metric's; pick another name.`)
    }
  })
  return value as MetricChoice[]
}

/** The definition behind one choice, or undefined for an unknown name. */
export function metricDefinition(choice: MetricChoice): MetricDefinition | undefined {
  if (typeof choice === 'string') return builtinMetric(choice)
  const user = inlineMetric(choice)
  return user ? fromUserMetric(user) : builtinMetric(choice.metric)
}

/**
 * What a run computes: every built-in metric that applies to the dataset when `choices` is absent,
 * otherwise the chosen ones (each checked against the task and class count), plus the main metric
 * (accuracy or r2), which every run computes because runs are ranked by it.
 */
export function selectMetrics(choices: MetricChoice[] | undefined, task: Task, classes: readonly string[], dataset = 'the dataset'): MetricSelection {
  if (!choices) return { metrics: BUILTIN_METRICS.filter((m) => appliesTo(m, task, classes)), explicit: new Set() }
  const metrics = choices.map((choice) => {
    const metric = metricDefinition(choice)
    if (!metric) throw new InvalidInputError(`unknown metric '${nameOf(choice)}'. Run 'padre metric list' to see them.`)
    if (metric.task !== task) throw new InvalidInputError(`metric '${metric.name}' is for ${metric.task}, but ${dataset} is a ${task} dataset; drop it from 'metrics'.`)
    if (!appliesTo(metric, task, classes)) throw new InvalidInputError(`metric '${metric.name}' needs two classes, but ${dataset} has ${classes.length}; drop it from 'metrics'.`)
    return metric
  })
  const main = MAIN_METRIC[task]
  return {
    metrics: metrics.some((m) => m.name === main) ? metrics : [builtinMetric(main)!, ...metrics],
    explicit: new Set(metrics.map((m) => m.name)),
  }
}

/** The defineMetric metrics among a definition's choices. */
export function definedMetrics(choices: MetricChoice[] | undefined): MetricDefinition[] {
  return (choices ?? []).flatMap((c) => {
    const user = typeof c === 'string' ? undefined : inlineMetric(c)
    return user ? [fromUserMetric(user)] : []
  })
}
