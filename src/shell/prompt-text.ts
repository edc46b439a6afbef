import type { Scope } from '../core/services/scope.js'

const LABELS: Array<[keyof Scope, string]> = [['project', 'pro'], ['experiment', 'exp'], ['execution', 'exe'], ['run', 'run']]

/** Names longer than `max` keep their first and last 8 characters: 'spec-e4b…b31cfc95'. */
export function shorten(name: string, max = 20): string {
  return name.length > max ? `${name.slice(0, 8)}…${name.slice(-8)}` : name
}

/** `padre > `, or `padre [pro: Examples > exp: iris-svc] > ` with active objects. */
export function promptText(scope: Scope): string {
  const parts = LABELS.filter(([key]) => scope[key]).map(([key, label]) => `${label}: ${shorten(scope[key]!)}`)
  return parts.length ? `padre [${parts.join(' > ')}] > ` : 'padre > '
}
