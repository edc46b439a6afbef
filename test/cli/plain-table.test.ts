import Table from 'cli-table3'
import fc from 'fast-check'
import { plainTable } from '../../src/cli/plain-table.js'
import { table } from '../../src/cli/render.js'

// render.ts's table() draws plain ASCII tables itself; cli-table3 stays the judge of the bytes.
const viaCliTable3 = (head: string[], rows: string[][]) => {
  const t = new Table({ head, style: { head: [], border: [], compact: true } })
  t.push(...rows)
  return t.toString()
}
const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 12 })

describe('plain tables', () => {
  it('are byte for byte what cli-table3 draws, for any printable ASCII cells', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.array(ascii, { minLength: n, maxLength: n }), fc.array(fc.array(ascii, { minLength: n, maxLength: n }), { maxLength: 8 }))), ([head, rows]) => {
      expect(plainTable(head, rows)).toBe(viaCliTable3(head, rows))
    }), { numRuns: 500 })
  })

  it('leave to cli-table3 what is not plain: wide or non-ASCII text, line breaks, tabs, ragged rows, no head', async () => {
    const cases: Array<[string[], string[][]]> = [
      [['name', 'x'], [['héllo', '1']]],
      [['name', 'x'], [['表', '1']]],
      [['name', 'x'], [['a\nb', '1']]],
      [['name', 'x'], [['a\tb', '1']]],
      [['a', 'b', 'c'], [['1'], ['', '2']]],
      [[], [['1', '2']]],
    ]
    for (const [head, rows] of cases) {
      expect(plainTable(head, rows)).toBeUndefined()
      expect(await table(head, rows)).toBe(viaCliTable3(head, rows))
    }
    expect(await table(['metric', 'mean'], [['accuracy', 0.5], ['f1', 1]])).toBe(viaCliTable3(['metric', 'mean'], [['accuracy', '0.5'], ['f1', '1']]))
  })
})
