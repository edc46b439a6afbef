import { InvalidInputError } from '../../src/core/errors.js'
import { attachSplitFunction, makeSplits, type SplitFunction } from '../../src/core/splits/index.js'
import type { SplitSpec } from '../../src/core/model/types.js'
import { expectEachRowTestedOnce, expectPartition, SEEDS, toArrays } from './properties.js'

const y = (n: number) => new Float64Array(n)
const classes = (n: number, k: number) => Float64Array.from({ length: n }, (_, i) => i % k)
const fnSpec = (fn: SplitFunction): SplitSpec => attachSplitFunction({ strategy: 'function', function: fn.name }, fn)

describe('explicit splits', () => {
  test('kept as given, sorted, numbered in order; rows may be left out', () => {
    const splits = makeSplits({ strategy: 'explicit', splits: [{ train: [3, 0, 1], test: [2] }, { train: [2, 3], test: [1, 0] }] }, y(4), 1)
    expect(toArrays(splits)).toEqual([{ index: 0, train: [0, 1, 3], test: [2] }, { index: 1, train: [2, 3], test: [0, 1] }])
    const partial = makeSplits({ strategy: 'explicit', splits: [{ train: [0, 1], test: [5] }] }, y(6), 1)
    expect(toArrays(partial)).toEqual([{ index: 0, train: [0, 1], test: [5] }])
  })

  test('a full partition passes the same checks as the built-in splits', () => {
    const splits = makeSplits({ strategy: 'explicit', splits: [{ train: [0, 1, 2], test: [3, 4] }, { train: [3, 4], test: [0, 1, 2] }] }, y(5), 1)
    splits.forEach((s) => expectPartition(s, 5))
    expectEachRowTestedOnce(splits, 5)
  })

  test.each([
    [[{ train: [0, 1], test: [10] }], /split\.splits\[0\]\.test holds 10: row indices are integers in 0\.\.9/],
    [[{ train: [0, 1.5], test: [3] }], /split\.splits\[0\]\.train holds 1\.5/],
    [[{ train: [0, -1], test: [3] }], /holds -1/],
    [[{ train: [0, 1], test: [3] }, { train: [0, 2], test: [2] }], /split\.splits\[1\]: row 2 is in both train and test/],
    [[{ train: [], test: [3] }], /split\.splits\[0\]\.train must be a non-empty list/],
    [[{ train: [1], test: [] }], /split\.splits\[0\]\.test must be a non-empty list/],
    [[{ train: [1, 1], test: [2] }], /train lists row 1 twice/],
    [[], /split\.splits must be a non-empty list/],
    [undefined, /split\.splits must be a non-empty list/],
    [['x'], /split\.splits\[0\] must be \{ train/],
  ])('rejects %j', (splits, message) => {
    expect(() => makeSplits({ strategy: 'explicit', splits: splits as SplitSpec['splits'] }, y(10), 1)).toThrow(message)
    expect(() => makeSplits({ strategy: 'explicit', splits: splits as SplitSpec['splits'] }, y(10), 1)).toThrow(InvalidInputError)
  })
})

describe('function splits', () => {
  test('receive n, y and the seed; their output is checked and sorted', () => {
    const seen: Array<{ n: number; y: number[]; seed: number }> = []
    function evenOdd(ctx: { n: number; y: Float64Array; seed: number }) {
      seen.push({ n: ctx.n, y: Array.from(ctx.y), seed: ctx.seed })
      const even = Array.from({ length: ctx.n }, (_, i) => i).filter((i) => i % 2 === 0)
      const odd = Array.from({ length: ctx.n }, (_, i) => i).filter((i) => i % 2 === 1)
      return [{ train: even, test: odd.reverse() }, { train: odd, test: even }]
    }
    const splits = makeSplits(fnSpec(evenOdd), classes(6, 2), 42)
    expect(seen).toEqual([{ n: 6, y: [0, 1, 0, 1, 0, 1], seed: 42 }])
    expect(toArrays(splits)).toEqual([{ index: 0, train: [0, 2, 4], test: [1, 3, 5] }, { index: 1, train: [1, 3, 5], test: [0, 2, 4] }])
    splits.forEach((s) => expectPartition(s, 6))
  })

  test('bad output, a throw, a promise or a missing function: one clear error naming the function', () => {
    const overlap = () => [{ train: [0, 1], test: [1] }]
    expect(() => makeSplits(fnSpec(overlap), y(4), 1)).toThrow(/split function 'overlap' returned splits; splits\[0\]: row 1 is in both train and test/)
    const outOfRange = () => [{ train: [0], test: [9] }]
    expect(() => makeSplits(fnSpec(outOfRange), y(4), 1)).toThrow(/holds 9: row indices are integers in 0\.\.3/)
    const nothing = () => undefined as unknown as []
    expect(() => makeSplits(fnSpec(nothing), y(4), 1)).toThrow(/non-empty list/)
    const boom = () => { throw new Error('no folds today') }
    expect(() => makeSplits(fnSpec(boom), y(4), 1)).toThrow("split function 'boom' failed: no folds today")
    const later = (() => Promise.resolve([])) as unknown as SplitFunction
    expect(() => makeSplits(fnSpec(later), y(4), 1)).toThrow(/returned a promise/)
    expect(() => makeSplits({ strategy: 'function', function: 'lost' }, y(4), 1)).toThrow(/needs split\.function/)
  })

  test('the function stays off the recorded spec', () => {
    const fn = () => [{ train: [0], test: [1] }]
    expect(JSON.parse(JSON.stringify(fnSpec(fn)))).toEqual({ strategy: 'function', function: 'fn' })
  })
})

describe('repeated k-fold', () => {
  test.each([['cv'], ['stratified']] as const)('%s: R × k splits, each repeat a partition, numbered repeat × k + fold', (strategy) => {
    const n = 30
    for (const seed of SEEDS) {
      const splits = makeSplits({ strategy, folds: 5, repeats: 3 }, classes(n, 3), seed)
      expect(splits).toHaveLength(15)
      expect(splits.map((s) => s.index)).toEqual(Array.from({ length: 15 }, (_, i) => i))
      expect(splits.map((s) => [s.repeat, s.fold])).toEqual(Array.from({ length: 15 }, (_, i) => [Math.floor(i / 5), i % 5]))
      splits.forEach((s) => expectPartition(s, n))
      for (let r = 0; r < 3; r++) expectEachRowTestedOnce(splits.slice(r * 5, r * 5 + 5), n)
      const repeats = [0, 1, 2].map((r) => JSON.stringify(toArrays(splits.slice(r * 5, r * 5 + 5)).map((s) => s.test)))
      expect(new Set(repeats).size).toBe(3)
    }
  })

  test('repeat 0 equals the unrepeated folds, and repeats: 1 changes nothing', () => {
    const plain = toArrays(makeSplits({ strategy: 'cv', folds: 4 }, y(20), 7))
    expect(toArrays(makeSplits({ strategy: 'cv', folds: 4, repeats: 1 }, y(20), 7))).toEqual(plain)
    expect(makeSplits({ strategy: 'cv', folds: 4, repeats: 1 }, y(20), 7)[0].repeat).toBeUndefined()
    const rep = makeSplits({ strategy: 'cv', folds: 4, repeats: 2 }, y(20), 7)
    expect(toArrays(rep.slice(0, 4)).map((s) => s.test)).toEqual(plain.map((s) => s.test))
  })

  test('same seed, same splits', () => {
    const a = toArrays(makeSplits({ strategy: 'stratified', folds: 3, repeats: 4 }, classes(30, 3), 3))
    expect(toArrays(makeSplits({ strategy: 'stratified', folds: 3, repeats: 4 }, classes(30, 3), 3))).toEqual(a)
    expect(toArrays(makeSplits({ strategy: 'stratified', folds: 3, repeats: 4 }, classes(30, 3), 4))).not.toEqual(a)
  })

  test('rejects repeats on other strategies, out of range, or without shuffling', () => {
    expect(() => makeSplits({ strategy: 'random', repeats: 2 }, y(20), 1)).toThrow(/repeats applies to cv and stratified splits, not random/)
    expect(() => makeSplits({ strategy: 'cv', repeats: 0 }, y(20), 1)).toThrow(/--repeats must be an integer between 1 and 100, got 0/)
    expect(() => makeSplits({ strategy: 'cv', repeats: 2.5 }, y(20), 1)).toThrow(/--repeats must be an integer/)
    expect(() => makeSplits({ strategy: 'cv', repeats: 3, shuffle: false }, y(20), 1)).toThrow(/without shuffling/)
  })
})

describe('leaveOneOut', () => {
  test('n splits, split i tests row i alone', () => {
    const splits = makeSplits({ strategy: 'leaveOneOut' }, y(7), 1)
    expect(splits).toHaveLength(7)
    splits.forEach((s, i) => {
      expect(s.index).toBe(i)
      expect(Array.from(s.test)).toEqual([i])
      expectPartition(s, 7)
    })
    expectEachRowTestedOnce(splits, 7)
  })

  test('up to 1000 rows; above, a clear error pointing at k-fold', () => {
    expect(makeSplits({ strategy: 'leaveOneOut' }, y(1000), 1)).toHaveLength(1000)
    expect(() => makeSplits({ strategy: 'leaveOneOut' }, y(1001), 1)).toThrow(/leaveOneOut would fit 1001 models.*limited to 1000 rows: use --split cv/)
  })
})
