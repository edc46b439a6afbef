import { InvalidInputError, closeMatches } from '../errors.js'

export function unknownField(field: string, known: string[]): InvalidInputError {
  const close = closeMatches(field, known)
  const hint = close.length ? `Did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : `Known fields: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}.`
  return new InvalidInputError(`Unknown query field '${field}'. ${hint}`, close)
}
