import { InvalidInputError } from '../errors.js'
import { ID_SEPARATOR } from '../model/ids.js'

/** What a command was scoped to: flags, or the shell's active objects. */
export interface Scope {
  project?: string
  experiment?: string
  execution?: string
  run?: string
}

/**
 * Splits a reference into its parents. A full id ('P:E:V:R') names everything; a shorter one takes
 * its missing parents from the scope, e.g. 'iris-svc' with --project Examples.
 */
export function splitRef(ref: string, depth: number, scope: Scope, kind: string): string[] {
  const parts = ref.split(ID_SEPARATOR)
  if (parts.length > depth || parts.some((p) => p === '')) throw new InvalidInputError(`'${ref}' is not a ${kind} id: expected ${example(depth)}.`)
  const parents = [scope.project, scope.experiment, scope.execution].slice(0, depth - parts.length)
  return [...parents, ...parts].map((p) => p ?? '')
}

const example = (depth: number) => ['<project>', '<experiment>', '<execution>', '<run>', '<computation>'].slice(0, depth).join(ID_SEPARATOR)
