import { InvalidInputError, notFound } from '../errors.js'
import { COMPONENT_NAMES, loadComponent } from '../estimators/registry.js'
import type { ComponentSpec, ExperimentDefinition, ParamValue, SplitSpec } from '../model/types.js'
import { parseParamString } from '../pipeline/params.js'
import { checkDefinition } from './check-definition.js'

export interface FlagInput {
  project: string
  name: string
  dataset: string
  transformers: string[]
  estimator: string
  params: string[]
  grid: string[]
  split: SplitSpec
  seed: number
}

/** The quick path: an experiment definition from command-line flags, parameters typed by their specs. */
export async function definitionFromFlags(input: FlagInput): Promise<ExperimentDefinition> {
  const pipeline: ComponentSpec[] = [...input.transformers, input.estimator].map((component) => ({ component, params: {} }))
  const grid: Record<string, ParamValue[]> = {}
  for (const raw of input.params) {
    const { step, name, value } = await parseAssignment(pipeline, raw, '--param', 'knn.k=7')
    step.params[name] = value
  }
  for (const raw of input.grid) {
    const { key, step, name, value } = await parseAssignment(pipeline, raw, '--grid', 'knn.k=3,5,7')
    const definition = (await loadComponent(step.component))!
    grid[key] = value === '' ? [] : String(value).split(',').map((v) => parseParamString(definition, name, v.trim()))
  }
  return checkDefinition({
    project: input.project, name: input.name, dataset: input.dataset, pipeline, split: input.split,
    ...(Object.keys(grid).length ? { grid } : {}), seed: input.seed,
  }, 'the command line')
}

async function parseAssignment(pipeline: ComponentSpec[], raw: string, flag: string, example: string) {
  const match = /^([^.=]+)\.([^=]+)=(.*)$/.exec(raw)
  if (!match) throw new InvalidInputError(`${flag} '${raw}' must look like <component>.<parameter>=<value>, e.g. ${flag} ${example}.`)
  const [, component, name, rawValue] = match
  const step = pipeline.find((s) => s.component === component)
  if (!step) {
    if (!COMPONENT_NAMES.includes(component)) throw notFound('Estimator', component, COMPONENT_NAMES, 'padre experiment execute --help')
    throw new InvalidInputError(`${flag} '${raw}' names '${component}', which is not in the pipeline (${pipeline.map((s) => s.component).join(', ')}).`)
  }
  const definition = await loadComponent(component)
  if (!definition) throw notFound('Estimator', component, COMPONENT_NAMES, 'padre experiment execute --help')
  const value = flag === '--grid' ? (checkKnown(definition.params, component, name), rawValue) : parseParamString(definition, name, rawValue)
  return { key: `${component}.${name}`, step, name, value }
}

function checkKnown(params: Record<string, unknown>, component: string, name: string): void {
  if (!Object.hasOwn(params, name)) throw new InvalidInputError(`Unknown parameter '${component}.${name}'. ${component} accepts: ${Object.keys(params).join(', ') || 'no parameters'}.`)
}
