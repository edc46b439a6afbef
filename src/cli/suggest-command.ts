import { closeMatches } from '../core/errors.js'

export interface Suggestion {
  /** The words taken as the (mistyped) command name. */
  typed: string
  /** Close command names, best first (space-separated, as typed). */
  close: string[]
  /** The words after the command name: arguments and flags, kept apart. */
  rest: string[]
}

/**
 * The closest commands to what was typed. Command names have one to three words; the longest
 * leading run of words that is close to some command of the same length wins, so in
 * `project creat Wine2` the name is `project creat` and `Wine2` stays an argument.
 */
export function suggestCommand(words: string[], known: string[]): Suggestion {
  const leading = words.slice(0, words.findIndex((w) => w.startsWith('-')) >>> 0)
  for (let n = Math.min(3, leading.length); n >= 1; n--) {
    const typed = leading.slice(0, n).join(' ')
    const sameLength = known.filter((k) => k.split(' ').length === n)
    // When the topic is right ('project creat'), only the last word is compared, among that topic's commands.
    const topic = leading.slice(0, n - 1).join(' ')
    const inTopic = n > 1 ? sameLength.filter((k) => k.startsWith(`${topic} `)) : []
    const close = inTopic.length
      ? closeMatches(leading[n - 1], inTopic.map((k) => k.slice(topic.length + 1))).map((last) => `${topic} ${last}`)
      : closeMatches(typed, sameLength)
    if (close.length) return { typed, close, rest: words.slice(n) }
  }
  const n = Math.min(2, leading.length) || 1
  return { typed: words.slice(0, n).join(' '), close: [], rest: words.slice(n) }
}

/** The one-line error for an unknown command. */
export function unknownCommandMessage(s: Suggestion, bin: string, extra = "Run 'padre --help' to see the commands."): string {
  if (!s.close.length) return `Unknown command '${s.typed}'. ${extra}`
  const args = s.rest.length ? ` ${s.rest.join(' ')}` : ''
  return `Unknown command '${s.typed}'. Did you mean ${s.close.map((c) => `'${c}'`).join(', ')}? (${bin}${bin ? ' ' : ''}${s.close[0]}${args})`
}
