import { closeMatches, InvalidInputError } from '../errors.js'

/** Throws on the first key of `value` that is not in `known`, naming it (as `where.key`) and the closest known key. */
export function checkKeys(value: object, known: readonly string[], where: string, origin: string): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue
    const path = where ? `${where}.${key}` : key
    const lower = key.toLowerCase()
    const close = closeMatches(key, known, 1)
    if (!close.length) close.push(...known.filter((k) => lower.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(lower)).slice(0, 1))
    const hint = close.length ? `did you mean '${close[0]}'?` : `known keys: ${known.join(', ')}.`
    throw new InvalidInputError(`${origin}: unknown key '${path}'; ${hint}`, close)
  }
}
