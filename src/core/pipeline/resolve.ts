import { InvalidInputError, notFound } from '../errors.js'
import { COMPONENT_NAMES, loadComponent } from '../estimators/registry.js'
import type { ComponentSpec, ParamValue, Task } from '../model/types.js'
import { guardComponent } from './guard.js'
import { inlineDefinition } from './inline.js'
import { checkParam, withDefaults } from './params.js'
import type { ComponentDefinition } from './types.js'

export interface ResolvedStep {
  definition: ComponentDefinition
  params: Record<string, ParamValue>
}

export type GridPoint = Record<string, ParamValue>

/** Checks a pipeline (known components, transformers then one estimator fit for the task) and fills defaults. */
export async function resolvePipeline(specs: ComponentSpec[], task: Task): Promise<ResolvedStep[]> {
  if (!Array.isArray(specs) || specs.length === 0) throw new InvalidInputError('The pipeline is empty: give at least an estimator, e.g. --estimator knn.')
  const steps: ResolvedStep[] = []
  const seen = new Set<string>()
  for (const [i, spec] of specs.entries()) {
    const inline = inlineDefinition(spec)
    const definition = inline && spec.origin === 'definition' ? guardComponent(inline) : inline ?? await loadComponent(spec.component)
    if (!definition) throw notFound('Estimator', spec.component, COMPONENT_NAMES, 'padre experiment execute --help')
    if (seen.has(spec.component)) throw new InvalidInputError(`Component '${spec.component}' appears twice in the pipeline; use it once.`)
    seen.add(spec.component)
    const last = i === specs.length - 1
    if (last && definition.kind !== 'estimator') throw new InvalidInputError(`The pipeline ends with '${spec.component}', a transformer: end it with an estimator.`)
    if (!last && definition.kind === 'estimator') throw new InvalidInputError(`Estimator '${spec.component}' must be the last step of the pipeline.`)
    if (last && !definition.tasks.includes(task)) throw new InvalidInputError(`Estimator '${spec.component}' does not do ${task}; the dataset's target calls for a ${task} estimator.`)
    steps.push({ definition, params: withDefaults(definition, spec.params ?? {}) })
  }
  return steps
}

/** Every combination of the grid's values ('component.param' → values); one empty point without a grid. */
export function expandGrid(steps: ResolvedStep[], grid: Record<string, ParamValue[]> = {}): GridPoint[] {
  let points: GridPoint[] = [{}]
  for (const [key, values] of Object.entries(grid)) {
    const { step, name } = locate(steps, key)
    if (!Array.isArray(values) || values.length === 0) throw new InvalidInputError(`Grid entry '${key}' needs at least one value.`)
    const checked = values.map((v) => checkParam(step.definition, name, v))
    points = points.flatMap((point) => checked.map((v) => ({ ...point, [key]: v })))
  }
  return points
}

/** The steps with one grid point's values applied. */
export function applyPoint(steps: ResolvedStep[], point: GridPoint): ResolvedStep[] {
  return steps.map((step) => {
    const params = { ...step.params }
    for (const [key, value] of Object.entries(point)) {
      const { step: target, name } = locate(steps, key)
      if (target === step) params[name] = value
    }
    return { ...step, params }
  })
}

/** All parameters of a point as 'component.param' → value. */
export function flatParameters(steps: ResolvedStep[]): GridPoint {
  return Object.fromEntries(steps.flatMap((s) => Object.entries(s.params).map(([k, v]) => [`${s.definition.name}.${k}`, v])))
}

function locate(steps: ResolvedStep[], key: string): { step: ResolvedStep; name: string } {
  const dot = key.indexOf('.')
  const component = key.slice(0, dot)
  const step = steps.find((s) => s.definition.name === component)
  if (dot <= 0 || !step) throw new InvalidInputError(`'${key}' does not name a pipeline step's parameter: write <component>.<parameter>, with a component from the pipeline (${steps.map((s) => s.definition.name).join(', ')}).`)
  return { step, name: key.slice(dot + 1) }
}
