import { closeMatches, InvalidInputError } from '../errors.js'
import type { ComponentSpec, ExperimentDefinition, SplitSpec, SplitStrategy } from '../model/types.js'
import { checkName } from '../model/names.js'
import { checkMetricChoices } from '../metrics/select.js'
import { attachDefinition, inlineDefinition } from '../pipeline/inline.js'
import { attachSplitFunction } from '../splits/function.js'
import type { SplitFunction } from '../splits/types.js'
import { checkKeys } from './keys.js'

const STRATEGIES: SplitStrategy[] = ['random', 'cv', 'stratified', 'explicit', 'function', 'leaveOneOut']
const TOP_KEYS = ['project', 'name', 'description', 'dataset', 'pipeline', 'split', 'grid', 'seed', 'metrics']
const SPLIT_KEYS = ['strategy', 'folds', 'testRatio', 'shuffle', 'repeats', 'splits', 'function']
const COMPONENT_KEYS = ['component', 'params', 'origin', 'command']
const EXPLICIT_KEYS = ['train', 'test']
/** The keys each strategy takes besides 'strategy': another strategy's key is a mistake, not something to ignore. */
const STRATEGY_KEYS: Record<SplitStrategy, string[]> = {
  random: ['testRatio', 'shuffle'], cv: ['folds', 'shuffle', 'repeats'], stratified: ['folds', 'shuffle', 'repeats'],
  leaveOneOut: [], explicit: ['splits'], function: ['function'],
}

/** The shape of a definition, checked field by field so the error names the field; an unknown key anywhere is an error. */
export function checkDefinition(value: unknown, origin: string): ExperimentDefinition {
  const bad = (field: string, expected: string) => new InvalidInputError(`${origin}: '${field}' must be ${expected}.`)
  if (!value || typeof value !== 'object') throw new InvalidInputError(`${origin} must export default defineExperiment({...}).`)
  const d = value as Record<string, unknown>
  checkKeys(d, TOP_KEYS, '', origin)
  if (typeof d.project !== 'string') throw bad('project', 'a project name')
  if (typeof d.name !== 'string') throw bad('name', 'an experiment name')
  checkName('project', d.project)
  checkName('experiment', d.name)
  if (typeof d.dataset !== 'string') throw bad('dataset', "a dataset name, e.g. 'iris'")
  if (!Array.isArray(d.pipeline) || d.pipeline.some((c) => !c || typeof c.component !== 'string')) throw bad('pipeline', 'a list of components, e.g. [standardScaler(), knn({ k: 5 })]')
  const pipeline = (d.pipeline as ComponentSpec[]).map((c, i) => checkComponentSpec(c, i, origin))
  const split = checkSplit(d.split ?? { strategy: 'cv' }, origin)
  if (d.seed !== undefined && (typeof d.seed !== 'number' || !Number.isInteger(d.seed))) throw bad('seed', 'an integer')
  if (d.grid !== undefined && (typeof d.grid !== 'object' || d.grid === null || Object.values(d.grid).some((v) => !Array.isArray(v)))) throw bad('grid', "an object of 'component.param' → list of values")
  return {
    project: d.project, name: d.name, dataset: d.dataset,
    ...(typeof d.description === 'string' ? { description: d.description } : {}),
    pipeline,
    split,
    ...(d.grid ? { grid: d.grid as ExperimentDefinition['grid'] } : {}),
    seed: (d.seed as number | undefined) ?? 1,
    ...(d.metrics !== undefined ? { metrics: checkMetricChoices(d.metrics, origin) } : {}),
  }
}

/** A pipeline step as recorded: name, params, origin and command; a component defined in the file keeps its definition attached. */
function checkComponentSpec(c: ComponentSpec, i: number, origin: string): ComponentSpec {
  checkKeys(c, COMPONENT_KEYS, `pipeline[${i}]`, origin)
  const spec: ComponentSpec = {
    component: c.component, params: c.params ?? {},
    ...(c.origin ? { origin: c.origin } : {}), ...(c.command ? { command: c.command } : {}),
  }
  const inline = inlineDefinition(c)
  return inline ? attachDefinition(spec, inline) : spec
}

function checkSplit(value: unknown, origin: string): SplitSpec {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InvalidInputError(`${origin}: 'split' must be an object, e.g. { strategy: 'cv', folds: 5 }.`)
  const split = value as Record<string, unknown>
  checkKeys(split, SPLIT_KEYS, 'split', origin)
  if (!STRATEGIES.includes(split.strategy as SplitStrategy)) {
    const close = closeMatches(String(split.strategy), STRATEGIES, 1)
    throw new InvalidInputError(`${origin}: 'split.strategy' must be one of ${STRATEGIES.join(', ')}, not ${JSON.stringify(split.strategy)}${close.length ? `; did you mean '${close[0]}'?` : '.'}`, close)
  }
  const strategy = split.strategy as SplitStrategy
  const foreign = Object.keys(split).find((k) => k !== 'strategy' && !STRATEGY_KEYS[strategy].includes(k))
  if (foreign) {
    const takes = STRATEGY_KEYS[strategy]
    throw new InvalidInputError(`${origin}: 'split.${foreign}' does not apply to strategy '${strategy}'${takes.length ? ` (it takes ${takes.join(', ')})` : ' (it takes no other key)'}.`)
  }
  if (split.strategy === 'explicit') {
    if (!Array.isArray(split.splits)) throw new InvalidInputError(`${origin}: the explicit split needs 'split.splits': [{ train: [...], test: [...] }, ...].`)
    split.splits.forEach((s: unknown, i: number) => { if (s && typeof s === 'object') checkKeys(s, EXPLICIT_KEYS, `split.splits[${i}]`, origin) })
    const splits = split.splits.map((s: { train?: unknown; test?: unknown } | null) => (s && typeof s === 'object' ? { train: listOf(s.train), test: listOf(s.test) } : s))
    return { ...split, splits } as unknown as SplitSpec
  }
  if (split.strategy === 'function') {
    const fn = split.function
    if (typeof fn !== 'function') throw new InvalidInputError(`${origin}: the function split needs 'split.function': a function (ctx: { n, y, seed }) => [{ train, test }, ...].`)
    const recorded = { ...split, function: fn.name || 'anonymous', source: String(fn) } as SplitSpec
    return attachSplitFunction(recorded, fn as SplitFunction)
  }
  return { ...split } as unknown as SplitSpec
}

/** Typed arrays and arrays become plain arrays so the recorded spec is plain JSON; anything else is left for the split check to name. */
const listOf = (v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v)
