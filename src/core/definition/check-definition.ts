import { InvalidInputError } from '../errors.js'
import type { ExperimentDefinition, SplitStrategy } from '../model/types.js'
import { checkName } from '../model/names.js'
import { inlineDefinition } from '../pipeline/inline.js'

const STRATEGIES: SplitStrategy[] = ['random', 'cv', 'stratified']

/** The shape of a definition, checked field by field so the error names the field. */
export function checkDefinition(value: unknown, origin: string): ExperimentDefinition {
  const bad = (field: string, expected: string) => new InvalidInputError(`${origin}: '${field}' must be ${expected}.`)
  if (!value || typeof value !== 'object') throw new InvalidInputError(`${origin} must export default defineExperiment({...}).`)
  const d = value as Record<string, unknown>
  if (typeof d.project !== 'string') throw bad('project', 'a project name')
  if (typeof d.name !== 'string') throw bad('name', 'an experiment name')
  checkName('project', d.project)
  checkName('experiment', d.name)
  if (typeof d.dataset !== 'string') throw bad('dataset', "a dataset name, e.g. 'iris'")
  if (!Array.isArray(d.pipeline) || d.pipeline.some((c) => !c || typeof c.component !== 'string')) throw bad('pipeline', 'a list of components, e.g. [standardScaler(), knn({ k: 5 })]')
  const split = (d.split ?? { strategy: 'cv' }) as Record<string, unknown>
  if (!STRATEGIES.includes(split.strategy as SplitStrategy)) throw bad('split.strategy', `one of ${STRATEGIES.join(', ')}`)
  if (d.seed !== undefined && (typeof d.seed !== 'number' || !Number.isInteger(d.seed))) throw bad('seed', 'an integer')
  if (d.grid !== undefined && (typeof d.grid !== 'object' || d.grid === null || Object.values(d.grid).some((v) => !Array.isArray(v)))) throw bad('grid', "an object of 'component.param' → list of values")
  return {
    project: d.project, name: d.name, dataset: d.dataset,
    ...(typeof d.description === 'string' ? { description: d.description } : {}),
    pipeline: (d.pipeline as ExperimentDefinition['pipeline']).map((c) => (inlineDefinition(c) ? c : { component: c.component, params: c.params ?? {} })),
    split: split as unknown as ExperimentDefinition['split'],
    ...(d.grid ? { grid: d.grid as ExperimentDefinition['grid'] } : {}),
    seed: (d.seed as number | undefined) ?? 1,
  }
}
