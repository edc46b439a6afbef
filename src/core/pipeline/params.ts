import { closeMatches, InvalidInputError } from '../errors.js'
import type { ParamValue } from '../model/types.js'
import type { ComponentDefinition, ParamSpec } from './types.js'

export function describeParam(spec: ParamSpec): string {
  const range = spec.min !== undefined || spec.max !== undefined ? ` in [${spec.min ?? '-inf'}, ${spec.max ?? 'inf'}]` : ''
  const kind = spec.type === 'enum' ? `one of ${spec.values!.join('|')}` : `${spec.type === 'int' ? 'an integer' : spec.type === 'number' ? 'a number' : `a ${spec.type}`}${range}`
  return spec.nullable ? `${kind}, or null` : kind
}

/** Turns a command-line string into the parameter's type, or says what the parameter accepts. */
export function parseParamString(component: ComponentDefinition, name: string, raw: string): ParamValue {
  const spec = paramSpec(component, name)
  if (spec.nullable && raw === 'null') return null
  if (spec.type === 'int' || spec.type === 'number') {
    const value = raw.trim() === '' ? NaN : Number(raw)
    return checkParam(component, name, Number.isNaN(value) ? raw : value)
  }
  if (spec.type === 'boolean') return checkParam(component, name, raw === 'true' ? true : raw === 'false' ? false : raw)
  return checkParam(component, name, raw)
}

export function checkParam(component: ComponentDefinition, name: string, value: ParamValue): ParamValue {
  const spec = paramSpec(component, name)
  const bad = () => new InvalidInputError(`Parameter ${component.name}.${name} must be ${describeParam(spec)}, not ${JSON.stringify(value)}.`)
  if (value === null) {
    if (spec.nullable) return null
    throw bad()
  }
  switch (spec.type) {
    case 'int':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || (spec.type === 'int' && !Number.isInteger(value))) throw bad()
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) throw bad()
      return value
    case 'boolean':
      if (typeof value !== 'boolean') throw bad()
      return value
    case 'enum':
      if (typeof value !== 'string' || !spec.values!.includes(value)) throw bad()
      return value
    default:
      if (typeof value !== 'string') throw bad()
      return value
  }
}

function paramSpec(component: ComponentDefinition, name: string): ParamSpec {
  const spec = Object.hasOwn(component.params, name) ? component.params[name] : undefined
  if (!spec) {
    const known = Object.keys(component.params)
    const close = closeMatches(name, known, 1)
    const hint = close.length ? ` Did you mean '${close[0]}'?` : ''
    throw new InvalidInputError(`Unknown parameter '${component.name}.${name}'.${hint} ${component.name} accepts: ${known.length ? known.join(', ') : 'no parameters'}.`, close)
  }
  return spec
}

export function withDefaults(component: ComponentDefinition, params: Record<string, ParamValue>): Record<string, ParamValue> {
  const full: Record<string, ParamValue> = {}
  for (const [name, spec] of Object.entries(component.params)) full[name] = spec.default
  for (const [name, value] of Object.entries(params)) full[name] = checkParam(component, name, value)
  return full
}
