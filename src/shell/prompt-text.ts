import type { Scope } from '../core/services/scope.js'

const LABELS: Array<[keyof Scope, string]> = [['project', 'pro'], ['experiment', 'exp'], ['execution', 'exe'], ['run', 'run']]

/** The prompt never grows past this many characters. */
export const PROMPT_MAX = 60

/** Names longer than `max` keep their start and end: 'spec-e4b…b31cfc95'. */
export function shorten(name: string, max = 20): string {
  if (name.length <= max) return name
  const keep = Math.floor((max - 3) / 2)
  return `${name.slice(0, keep)}…${name.slice(-keep)}`
}

/**
 * `padre > `, or `padre [pro: Examples > exp: iris-svc] > ` with active objects. Within
 * PROMPT_MAX characters: names shrink first, then the outer levels give way to '…'.
 */
export function promptText(scope: Scope): string {
  const active = LABELS.filter(([key]) => scope[key])
  if (!active.length) return 'padre > '
  const render = (max: number, from: number) => {
    const parts = active.slice(from).map(([key, label]) => `${label}: ${shorten(scope[key]!, max)}`)
    return `padre [${from ? '… > ' : ''}${parts.join(' > ')}] > `
  }
  for (let from = 0; from < active.length; from++) {
    for (const max of [20, 16, 12]) {
      const text = render(max, from)
      if (text.length <= PROMPT_MAX) return text
    }
  }
  return render(9, active.length - 1)
}
