import { InvalidInputError } from '../errors.js'
import type { SplitSpec } from '../model/types.js'
import type { SplitFunction } from './types.js'
import { checkUserSplits } from './user.js'
import type { Split } from './types.js'

// A split function lives in the definition file: like an inline component it travels inside the spec,
// non-enumerable, so the recorded spec keeps only its name and source text.
const FUNCTION = Symbol.for('padre.splitFunction')

export function attachSplitFunction<T extends SplitSpec>(spec: T, fn: SplitFunction): T {
  Object.defineProperty(spec, FUNCTION, { value: fn, enumerable: false })
  return spec
}

export function splitFunctionOf(spec: SplitSpec): SplitFunction | undefined {
  return (spec as unknown as Record<symbol, SplitFunction | undefined>)[FUNCTION]
}

/** Calls the user's split function and checks what it returns like explicit splits. */
export function functionSplits(spec: SplitSpec, y: Float64Array, seed: number): Split[] {
  const fn = splitFunctionOf(spec)
  const name = typeof spec.function === 'string' ? spec.function : 'split function'
  if (!fn) throw new InvalidInputError(`split.strategy 'function' needs split.function: a function (ctx: { n, y, seed }) => [{ train, test }, ...] in the definition file.`)
  let out: unknown
  try {
    out = fn({ n: y.length, y: Float64Array.from(y), seed })
  } catch (error) {
    throw new InvalidInputError(`split function '${name}' failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (out instanceof Promise) throw new InvalidInputError(`split function '${name}' returned a promise; return the splits themselves.`)
  return checkUserSplits(out, y.length, `split function '${name}' returned splits; splits`)
}
