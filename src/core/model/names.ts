import { InvalidInputError } from '../errors.js'

export const MAX_NAME_LENGTH = 100

/** Names become folder names: no path climbing, no separators, nothing invisible. */
export function checkName(kind: string, name: string): string {
  const problem = nameProblem(name)
  if (problem) throw new InvalidInputError(`Invalid ${kind} name '${printable(name)}': ${problem}. Use letters, digits, '-', '_' or '.' (up to ${MAX_NAME_LENGTH} characters).`)
  return name
}

function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty'
  if (name.length > MAX_NAME_LENGTH) return `it has ${name.length} characters, more than ${MAX_NAME_LENGTH}`
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'it contains a control character'
  if (name.includes('/') || name.includes('\\')) return 'it contains a slash'
  if (name.includes('..')) return "it contains '..'"
  if (name.includes(':')) return "it contains ':' (padre uses it to join ids)"
  if (name.startsWith('.') || name.startsWith('-')) return "it starts with '.' or '-'"
  if (name.trim() !== name) return 'it starts or ends with white space'
  return undefined
}

function printable(name: string): string {
  const shown = name.replace(/[\u0000-\u001f\u007f]/g, '?')
  return shown.length > 40 ? `${shown.slice(0, 37)}...` : shown
}
