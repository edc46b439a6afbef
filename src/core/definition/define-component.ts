import { closeMatches, InvalidInputError } from '../errors.js'
import { checkName } from '../model/names.js'
import type { ComponentSpec, ParamValue, Task } from '../model/types.js'
import { attachDefinition } from '../pipeline/inline.js'
import type { Matrix } from '../pipeline/matrix.js'
import { checkParam } from '../pipeline/params.js'
import type { ComponentDefinition, FitContext, MaybePromise, ParamSpec } from '../pipeline/types.js'
import { BUILTIN_COMPONENTS } from './builtin-names.js'
import { checkKeys } from './keys.js'
import { callSite, frameText } from './stack.js'

/** What create() returns: fit, then transform (transformers) or predict (estimators), and predictProba where it can. */
export interface ComponentInstance {
  fit(X: Matrix, y: Float64Array, ctx: FitContext): MaybePromise<void>
  transform?(X: Matrix): MaybePromise<Matrix | ArrayLike<ArrayLike<number>>>
  /** classification: class indices 0..nClasses-1 (or the labels of ctx.classes); regression: values. One per row of X. */
  predict?(X: Matrix): MaybePromise<ArrayLike<number | string>>
  /** classification: rows × nClasses probabilities. */
  predictProba?(X: Matrix): MaybePromise<Matrix | ArrayLike<ArrayLike<number>>>
}

export interface UserParamSpec extends Omit<ParamSpec, 'description'> {
  description?: string
}

export interface UserComponent {
  name: string
  kind: 'transformer' | 'estimator'
  /** estimators: what they handle; transformers: optional (both by default). */
  tasks?: Task[]
  description?: string
  params?: Record<string, UserParamSpec>
  create(params: Record<string, ParamValue>): MaybePromise<ComponentInstance>
}

/** A component defined in a definition file: the built-in shape, plus where it was defined. */
export interface UserComponentDefinition extends ComponentDefinition {
  definedAt?: string
}

export type ComponentFactory = ((params?: Record<string, ParamValue>) => ComponentSpec) & { definition: UserComponentDefinition }

const COMPONENT_KEYS = ['name', 'kind', 'tasks', 'description', 'params', 'create']
const PARAM_KEYS = ['type', 'default', 'min', 'max', 'values', 'nullable', 'description']
const KINDS = ['transformer', 'estimator']
const TASKS: Task[] = ['classification', 'regression']
const TYPES = ['int', 'number', 'string', 'boolean', 'enum']

/**
 * A component written in the definition file, used in `pipeline` like a built-in:
 * `const myModel = defineComponent({...})`, then `pipeline: [myModel({ depth: 3 })]`.
 * The definition is checked here, when the file loads; its params are checked like a built-in's.
 */
export function defineComponent(component: UserComponent): ComponentFactory {
  const site = frameText(callSite())
  const definition = checkComponent(component, site)
  const factory = (params: Record<string, ParamValue> = {}): ComponentSpec => {
    if (!params || typeof params !== 'object' || Array.isArray(params)) throw new InvalidInputError(`${definition.name}(...) takes an object of parameters, e.g. ${definition.name}({ ${Object.keys(definition.params)[0] ?? 'param'}: ... }).`)
    return attachDefinition({ component: definition.name, params: { ...params }, origin: 'definition' }, definition)
  }
  return Object.assign(factory, { definition })
}

function checkComponent(c: UserComponent, site: string | undefined): UserComponentDefinition {
  const name = typeof c?.name === 'string' ? c.name : undefined
  const origin = `defineComponent(${name ? `'${name}'` : '...'})`
  const bad = (message: string) => new InvalidInputError(`${origin}: ${message}`)
  if (!c || typeof c !== 'object') throw new InvalidInputError('defineComponent takes an object: { name, kind, tasks, params, create }.')
  checkKeys(c, COMPONENT_KEYS, '', origin)
  if (name === undefined) throw bad("'name' must be a string, e.g. name: 'myModel'.")
  checkName('component', name)
  if (name.includes('.')) throw bad(`'name' may not contain '.': grid keys are written '<component>.<parameter>'.`)
  if (BUILTIN_COMPONENTS.includes(name)) throw bad(`'${name}' is a built-in component's name; pick another, e.g. 'my${name[0].toUpperCase()}${name.slice(1)}'.`)
  if (!KINDS.includes(c.kind)) {
    const close = closeMatches(String(c.kind), KINDS, 1)
    throw bad(`'kind' must be 'transformer' or 'estimator', not ${JSON.stringify(c.kind)}${close.length ? `; did you mean '${close[0]}'?` : '.'}`)
  }
  const tasks = c.tasks ?? (c.kind === 'transformer' ? TASKS : undefined)
  if (!Array.isArray(tasks) || tasks.length === 0 || tasks.some((t) => !TASKS.includes(t))) {
    throw bad(`'tasks' must be a non-empty list of 'classification' and/or 'regression', not ${JSON.stringify(c.tasks)}.`)
  }
  if (c.description !== undefined && typeof c.description !== 'string') throw bad("'description' must be a string.")
  if (typeof c.create !== 'function') throw bad("'create' must be a function (params) => ({ fit, " + (c.kind === 'transformer' ? 'transform' : 'predict') + ' }).')
  const params = checkParamSpecs(c.params ?? {}, name, origin)
  const create = c.create
  return {
    name, kind: c.kind, tasks: [...tasks], description: c.description ?? `defined in ${site ?? 'the definition file'}`, params,
    create: async (p) => (await create(p)) as never,
    ...(site ? { definedAt: site } : {}),
  }
}

function checkParamSpecs(params: unknown, name: string, origin: string): Record<string, ParamSpec> {
  if (!params || typeof params !== 'object' || Array.isArray(params)) throw new InvalidInputError(`${origin}: 'params' must be an object of parameter name → { type, default, ... }.`)
  const out: Record<string, ParamSpec> = {}
  for (const [param, spec] of Object.entries(params as Record<string, UserParamSpec>)) {
    const where = `params.${param}`
    const bad = (message: string) => new InvalidInputError(`${origin}: '${where}' ${message}`)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(param)) throw new InvalidInputError(`${origin}: parameter name '${param}' must be letters, digits and '_' (not starting with a digit).`)
    if (!spec || typeof spec !== 'object') throw bad("must be { type, default }, e.g. { type: 'int', default: 3, min: 1 }.")
    checkKeys(spec, PARAM_KEYS, where, origin)
    if (!TYPES.includes(spec.type)) {
      const close = closeMatches(String(spec.type), TYPES, 1)
      throw bad(`has type ${JSON.stringify(spec.type)}: use one of ${TYPES.join(', ')}${close.length ? ` (did you mean '${close[0]}'?)` : ''}.`)
    }
    if (!Object.hasOwn(spec, 'default')) throw bad('needs a default value.')
    for (const bound of ['min', 'max'] as const) {
      if (spec[bound] !== undefined && (typeof spec[bound] !== 'number' || !Number.isFinite(spec[bound]))) throw bad(`has ${bound} ${JSON.stringify(spec[bound])}: a finite number.`)
    }
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) throw bad(`has min ${spec.min} above max ${spec.max}.`)
    if (spec.type === 'enum' && (!Array.isArray(spec.values) || spec.values.length === 0 || spec.values.some((v) => typeof v !== 'string'))) throw bad("is an enum: give its values, e.g. values: ['a', 'b'].")
    if (spec.type !== 'enum' && spec.values !== undefined) throw bad(`has values, which only an enum takes; use type: 'enum'.`)
    if (spec.nullable !== undefined && typeof spec.nullable !== 'boolean') throw bad('has nullable that is not true or false.')
    if (spec.description !== undefined && typeof spec.description !== 'string') throw bad('has a description that is not a string.')
    out[param] = { ...spec, description: spec.description ?? '' } as ParamSpec
  }
  for (const param of Object.keys(out)) {
    try {
      checkParam({ name, params: out } as unknown as ComponentDefinition, param, out[param].default)
    } catch (error) {
      throw new InvalidInputError(`${origin}: the default of 'params.${param}' is invalid: ${(error as Error).message}`)
    }
  }
  return out
}
