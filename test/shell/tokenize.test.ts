import { quoteWord, tokenize, TokenizeError } from '../../src/shell/tokenize.js'
import { promptText, shorten } from '../../src/shell/prompt-text.js'

const words = (line: string) => tokenize(line).words

describe('tokenize', () => {
  it('splits on runs of spaces and tabs', () => {
    expect(words('  project   list\t--json ')).toEqual(['project', 'list', '--json'])
    expect(words('')).toEqual([])
  })

  it('keeps quoted text together, quotes joining adjacent text', () => {
    expect(words(`project create "My Project" --description 'a b  c'`)).toEqual(['project', 'create', 'My Project', '--description', 'a b  c'])
    expect(words(`--param=knn.k="7 8"x`)).toEqual(['--param=knn.k=7 8x'])
    expect(words(`a "" ''`)).toEqual(['a', '', ''])
  })

  it('handles escapes: backslash outside quotes, \\" and \\\\ inside double quotes, nothing inside single quotes', () => {
    expect(words('a\\ b c')).toEqual(['a b', 'c'])
    expect(words(`"say \\"hi\\" \\\\ \\n"`)).toEqual(['say "hi" \\ \\n'])
    expect(words(`'it\\'s`)).toEqual(['it\\s'])
    expect(words(`'don'\\''t'`)).toEqual(["don't"])
  })

  it('rejects an unclosed quote or a trailing backslash, naming the fix', () => {
    expect(() => tokenize('project create "x')).toThrow(TokenizeError)
    expect(() => tokenize("a 'b")).toThrow(/Unclosed single quote/)
    expect(() => tokenize('a \\')).toThrow(/backslash/)
  })

  it('in partial mode (completion) reports the open quote and whether a new word starts', () => {
    expect(tokenize('experiment list --pro', { partial: true })).toEqual({ words: ['experiment', 'list', '--pro'], openQuote: '', endsBetweenWords: false })
    expect(tokenize('project select ', { partial: true })).toEqual({ words: ['project', 'select'], openQuote: '', endsBetweenWords: true })
    expect(tokenize('project select "My P', { partial: true })).toEqual({ words: ['project', 'select', 'My P'], openQuote: '"', endsBetweenWords: false })
  })

  it('quoteWord round-trips through tokenize', () => {
    for (const w of ['plain', 'with space', "it's", 'a"b', '', 'x\\y', 'P:E:v1']) expect(words(quoteWord(w))).toEqual([w])
    expect(quoteWord('iris-knn')).toBe('iris-knn')
  })
})

describe('prompt text', () => {
  it('shows the active objects, nested', () => {
    expect(promptText({})).toBe('padre > ')
    expect(promptText({ project: 'Examples' })).toBe('padre [pro: Examples] > ')
    expect(promptText({ project: 'Examples', experiment: 'iris-svc' })).toBe('padre [pro: Examples > exp: iris-svc] > ')
    expect(promptText({ project: 'P', experiment: 'E', execution: 'v1', run: 'r1' })).toBe('padre [pro: P > exp: E > exe: v1 > run: r1] > ')
  })

  it('shortens long names to first 8 + … + last 8', () => {
    expect(shorten('a'.repeat(20))).toBe('a'.repeat(20))
    expect(shorten('20261122T181209795Z-2648')).toBe('20261122…95Z-2648')
    expect(promptText({ project: 'P', experiment: 'E', execution: 'spec-e4b31cfc9515' })).toBe('padre [pro: P > exp: E > exe: spec-e4b31cfc9515] > ')
  })

  it('stays within 60 characters however deep and long the selection', () => {
    const deep = { project: 'Wine-quality-study', experiment: 'random-forest-depth-grid', execution: '3fa2c1d4e5f6-dirty-0a1b2c3d', run: '20261122T181209795Z-2648' }
    const text = promptText(deep)
    expect(text.length).toBeLessThanOrEqual(60)
    expect(text).toMatch(/^padre \[… > .*run: 2026.*2648\] > $/)
    expect(promptText({ project: 'Wine-quality-study', experiment: 'random-forest-depth-grid' })).toBe('padre [pro: Wine-quality-study > exp: random-f…pth-grid] > ')
    for (const scope of [deep, { project: 'x'.repeat(60) }, { project: 'p'.repeat(40), experiment: 'e'.repeat(40), execution: 'v'.repeat(40) }]) {
      expect(promptText(scope).length).toBeLessThanOrEqual(60)
    }
  })
})
