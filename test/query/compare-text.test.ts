import fc from 'fast-check'
import { compareText } from '../../src/core/query/compare-text.js'

// The run lists sort with compareText where they sorted with localeCompare: the same order, always.
const sign = (x: number) => Math.sign(x)
const chars = fc.constantFrom(...'0123456789-:.TZ_aAzZ é表'.split(''))
const text = fc.string({ unit: chars, maxLength: 12 })
const iso = fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString())

describe('compareText', () => {
  it('has the sign of localeCompare', () => {
    fc.assert(fc.property(text, text, (a, b) => { expect(sign(compareText(a, b))).toBe(sign(a.localeCompare(b))) }), { numRuns: 5000 })
    fc.assert(fc.property(text, (a) => { expect(sign(compareText(`${a}1x`, `${a}2x`))).toBe(sign(`${a}1x`.localeCompare(`${a}2x`))) }), { numRuns: 2000 })
    fc.assert(fc.property(iso, iso, (a, b) => { expect(sign(compareText(a, b))).toBe(sign(a.localeCompare(b))) }), { numRuns: 2000 })
  })
})
