import { makeSplits, checkSplitSpec } from '../../src/core/splits/index.js'
import { seededRandom } from '../../src/core/random.js'
import { expectEachRowTestedOnce, expectPartition, SEEDS, toArrays } from './properties.js'

/** n rows of class indices with roughly the given proportions, in a seeded random order. */
function labels(n: number, proportions: number[], seed: number): Float64Array {
  const random = seededRandom(seed)
  const cumulative = proportions.map((_, i) => proportions.slice(0, i + 1).reduce((a, b) => a + b, 0))
  return Float64Array.from({ length: n }, () => {
    const u = random() * cumulative[cumulative.length - 1]
    return cumulative.findIndex((c) => u < c)
  })
}

function countsIn(rows: Int32Array, y: Float64Array, nClasses: number): number[] {
  const counts = new Array<number>(nClasses).fill(0)
  rows.forEach((r) => counts[y[r]]++)
  return counts
}

describe('stratified split', () => {
  test.each([
    [30, [1, 1], 3], [100, [0.7, 0.2, 0.1], 5], [150, [1, 1, 1], 10], [61, [0.5, 0.3, 0.2], 4], [500, [0.9, 0.05, 0.05], 5],
  ])('%i rows, proportions %j, %i folds: each class spread evenly over folds', (n, proportions, folds) => {
    for (const seed of SEEDS) {
      const y = labels(n, proportions, seed + 100)
      const nClasses = proportions.length
      const total = countsIn(Int32Array.from({ length: n }, (_, i) => i), y, nClasses)
      const splits = makeSplits({ strategy: 'stratified', folds }, y, seed)
      expect(splits).toHaveLength(folds)
      splits.forEach((s) => expectPartition(s, n))
      expectEachRowTestedOnce(splits, n)
      const sizes = splits.map((s) => s.test.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
      for (let c = 0; c < nClasses; c++) {
        const perFold = splits.map((s) => countsIn(s.test, y, nClasses)[c])
        expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1)
        expect(perFold.reduce((a, b) => a + b, 0)).toBe(total[c])
      }
    }
  })

  test('same seed, same folds; another seed, other folds', () => {
    const y = labels(90, [1, 1, 1], 5)
    const a = toArrays(makeSplits({ strategy: 'stratified' }, y, 1))
    expect(toArrays(makeSplits({ strategy: 'stratified' }, y, 1))).toEqual(a)
    expect(toArrays(makeSplits({ strategy: 'stratified' }, y, 2))).not.toEqual(a)
  })

  test('rejects more folds than rows in the smallest class', () => {
    const y = Float64Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2])
    expect(() => makeSplits({ strategy: 'stratified', folds: 4 }, y, 1)).toThrow(
      '--folds 4 is more than the 3 rows of the smallest class (class 1); use --folds 3 or fewer, or a cv split',
    )
    expect(makeSplits({ strategy: 'stratified', folds: 3 }, y, 1)).toHaveLength(3)
    expect(() => checkSplitSpec({ strategy: 'stratified', folds: 2 }, 5, [4, 1])).toThrow(/1 row of the smallest class .* use a cv or random split/)
    // a class index with no rows is not "the smallest class"
    expect(() => checkSplitSpec({ strategy: 'stratified', folds: 2 }, 5, [3, 0, 2])).not.toThrow()
  })

  test('rejects a target that is not class indices', () => {
    expect(() => makeSplits({ strategy: 'stratified' }, Float64Array.from([0.5, 1, 2]), 1)).toThrow(/class index per row, but row 0 has 0.5; use a cv split/)
  })
})
