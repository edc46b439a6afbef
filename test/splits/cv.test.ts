import { makeSplits } from '../../src/core/splits/index.js'
import { InvalidInputError } from '../../src/core/errors.js'
import { expectEachRowTestedOnce, expectPartition, SEEDS, toArrays } from './properties.js'

const y = (n: number) => new Float64Array(n)

describe('cv split', () => {
  test.each([
    [10, 2], [10, 3], [10, 10], [11, 5], [150, 5], [150, 7], [442, 10],
  ])('%i rows, %i folds: partitions, every row tested once, sizes within 1', (n, folds) => {
    for (const seed of SEEDS) {
      for (const shuffle of [true, false]) {
        const splits = makeSplits({ strategy: 'cv', folds, shuffle }, y(n), seed)
        expect(splits.map((s) => s.index)).toEqual(Array.from({ length: folds }, (_, i) => i))
        splits.forEach((s) => expectPartition(s, n))
        expectEachRowTestedOnce(splits, n)
        const sizes = splits.map((s) => s.test.length)
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
      }
    }
  })

  test('5 folds by default', () => {
    expect(makeSplits({ strategy: 'cv' }, y(20), 1)).toHaveLength(5)
  })

  test('same seed, same folds; another seed, other folds; no shuffle, consecutive folds', () => {
    const a = toArrays(makeSplits({ strategy: 'cv' }, y(100), 9))
    expect(toArrays(makeSplits({ strategy: 'cv' }, y(100), 9))).toEqual(a)
    expect(toArrays(makeSplits({ strategy: 'cv' }, y(100), 10))).not.toEqual(a)
    const plain = makeSplits({ strategy: 'cv', folds: 3, shuffle: false }, y(7), 9)
    expect(plain.map((s) => Array.from(s.test))).toEqual([[0, 1, 2], [3, 4], [5, 6]])
    // without shuffle the seed does not matter
    expect(toArrays(makeSplits({ strategy: 'cv', shuffle: false }, y(20), 1))).toEqual(toArrays(makeSplits({ strategy: 'cv', shuffle: false }, y(20), 2)))
  })

  test('rejects folds outside 2..rows', () => {
    expect(() => makeSplits({ strategy: 'cv', folds: 151 }, y(150), 1)).toThrow('--folds must be between 2 and 150 (the dataset has 150 rows)')
    expect(() => makeSplits({ strategy: 'cv', folds: 1 }, y(150), 1)).toThrow(InvalidInputError)
    expect(() => makeSplits({ strategy: 'cv', folds: 2.5 }, y(150), 1)).toThrow(/--folds/)
  })

  test('rejects an unknown strategy with a suggestion', () => {
    try {
      makeSplits({ strategy: 'stratifed' as 'cv' }, y(10), 1)
      throw new Error('expected a throw')
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError)
      expect((e as InvalidInputError).message).toMatch(/unknown split strategy 'stratifed'; use one of random, cv, stratified/)
      expect((e as InvalidInputError).suggestions).toContain('stratified')
    }
  })
})
