/** A line split like a POSIX shell splits words: quotes, backslash escapes, no expansion. */
export interface Tokens {
  words: string[]
  /** The quote still open at the end of the line ('' when none): only `partial` tokenizing allows it. */
  openQuote: '' | '"' | "'"
  /** The line ends between words (after whitespace), so the word being typed is empty. */
  endsBetweenWords: boolean
}

export class TokenizeError extends Error {}

/**
 * Splits `line` into words. Single quotes keep everything literally; double quotes keep everything
 * but `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes escapes the next character.
 * An unclosed quote or a trailing backslash is an error unless `partial` (used by completion).
 */
export function tokenize(line: string, options: { partial?: boolean } = {}): Tokens {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: '' | '"' | "'" = ''
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote === "'") {
      if (c === "'") quote = ''
      else word += c
    } else if (quote === '"') {
      if (c === '"') quote = ''
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) word += line[++i]
      else word += c
    } else if (c === "'" || c === '"') {
      quote = c
      inWord = true
    } else if (c === '\\') {
      if (i + 1 >= line.length) {
        if (!options.partial) throw new TokenizeError('The line ends with a backslash: nothing to escape.')
      } else word += line[++i]
      inWord = true
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += c
      inWord = true
    }
  }
  if (quote && !options.partial) throw new TokenizeError(`Unclosed ${quote === '"' ? 'double' : 'single'} quote: close it with ${quote}.`)
  if (inWord) words.push(word)
  return { words, openQuote: quote, endsBetweenWords: !inWord }
}

/** Quotes a word so that `tokenize` gives it back unchanged (for completions and reruns). */
export function quoteWord(word: string): string {
  if (word !== '' && /^[\w@%+=:,./-]+$/.test(word)) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}
