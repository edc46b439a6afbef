/** Every error padre raises on purpose: a stable code, a message a person can act on, suggestions. */
export class PadreError extends Error {
  readonly code: string
  readonly suggestions: string[]
  constructor(code: string, message: string, suggestions: string[] = []) {
    super(message)
    this.name = new.target.name
    this.code = code
    this.suggestions = suggestions
  }
}

/** The process exit code for each error code; anything else exits 1. */
export const EXIT_CODES: Readonly<Record<string, number>> = {
  INVALID_INPUT: 2, NOT_FOUND: 3, ALREADY_EXISTS: 4, CONFIG: 5, BACKEND: 6, COMPONENT: 7, CANCELLED: 130,
}

export class NotFoundError extends PadreError {
  constructor(message: string, suggestions: string[] = []) { super('NOT_FOUND', message, suggestions) }
}
export class AlreadyExistsError extends PadreError {
  constructor(message: string, suggestions: string[] = []) { super('ALREADY_EXISTS', message, suggestions) }
}
export class InvalidInputError extends PadreError {
  constructor(message: string, suggestions: string[] = []) { super('INVALID_INPUT', message, suggestions) }
}
export class ConfigError extends PadreError {
  constructor(message: string, suggestions: string[] = []) { super('CONFIG', message, suggestions) }
}
export class BackendError extends PadreError {
  constructor(message: string, suggestions: string[] = []) { super('BACKEND', message, suggestions) }
}
/** User code (a component written in the definition file, or an external command) failed; the run is recorded as failed with the detail. */
export class ComponentError extends PadreError {
  constructor(message: string, readonly detail: import('./model/types.js').FailureDetail = {}) { super('COMPONENT', message) }
}
export class CancelledError extends PadreError {
  constructor(message = 'cancelled by the user') { super('CANCELLED', message) }
}

/** Up to three known names closest to `wanted`, for "did you mean" hints. */
export function closeMatches(wanted: string, known: Iterable<string>, max = 3): string[] {
  const w = wanted.toLowerCase()
  return [...known]
    .map((name) => ({ name, d: editDistance(w, name.toLowerCase()) }))
    .filter(({ name, d }) => d <= Math.max(2, Math.floor(name.length / 3)) || name.toLowerCase().includes(w))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, max)
    .map(({ name }) => name)
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length]
}

export function notFound(kind: string, name: string, known: Iterable<string>, listCommand: string): NotFoundError {
  const close = closeMatches(name, known)
  const hint = close.length ? ` Did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : ` Run '${listCommand}' to see them.`
  return new NotFoundError(`${kind} '${name}' not found.${hint}`, close)
}
