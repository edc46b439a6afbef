import type { ComponentSpec } from '../model/types.js'
import type { ComponentDefinition } from './types.js'

// A component written in the definition file (or an external command) travels inside its spec, so the
// pipeline resolves it like a built-in. The definition holds functions: it is kept off the record
// (non-enumerable, so JSON.stringify drops it), while the spec's name, params and origin are recorded.
const DEFINITION = Symbol.for('padre.componentDefinition')

export function attachDefinition<T extends ComponentSpec>(spec: T, definition: ComponentDefinition): T {
  Object.defineProperty(spec, DEFINITION, { value: definition, enumerable: false })
  return spec
}

export function inlineDefinition(spec: ComponentSpec): ComponentDefinition | undefined {
  return (spec as unknown as Record<symbol, ComponentDefinition | undefined>)[DEFINITION]
}
