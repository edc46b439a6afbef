import { makeSplits } from '../../src/core/splits/index.js'
import { expectPartition, SEEDS, toArrays } from './properties.js'

const y = (n: number) => new Float64Array(n)

describe('random split', () => {
  test.each([2, 3, 10, 101, 442])('one split covering all %i rows, ceil(25%%) tested, over several seeds', (n) => {
    for (const seed of SEEDS) {
      const splits = makeSplits({ strategy: 'random' }, y(n), seed)
      expect(splits).toHaveLength(1)
      expect(splits[0].index).toBe(0)
      expectPartition(splits[0], n)
      expect(splits[0].test.length).toBe(Math.min(Math.ceil(n / 4), n - 1))
    }
  })

  test('testRatio sets the test size without float noise', () => {
    expect(makeSplits({ strategy: 'random', testRatio: 0.07 }, y(100), 1)[0].test.length).toBe(7)
    expect(makeSplits({ strategy: 'random', testRatio: 0.3 }, y(10), 1)[0].test.length).toBe(3)
    expect(makeSplits({ strategy: 'random', testRatio: 0.01 }, y(10), 1)[0].test.length).toBe(1)
    expect(makeSplits({ strategy: 'random', testRatio: 0.9 }, y(10), 1)[0].train.length).toBe(1)
  })

  test('same seed, same split; another seed, another split', () => {
    const a = toArrays(makeSplits({ strategy: 'random' }, y(150), 3))
    expect(toArrays(makeSplits({ strategy: 'random' }, y(150), 3))).toEqual(a)
    expect(toArrays(makeSplits({ strategy: 'random' }, y(150), 4))).not.toEqual(a)
  })

  test('without shuffle the last rows are tested', () => {
    const [s] = makeSplits({ strategy: 'random', shuffle: false, testRatio: 0.3 }, y(10), 1)
    expect(Array.from(s.test)).toEqual([7, 8, 9])
  })

  test('rejects a ratio outside (0, 1) or one that leaves no training rows', () => {
    for (const testRatio of [0, 1, -0.5, 1.5, NaN]) {
      expect(() => makeSplits({ strategy: 'random', testRatio }, y(10), 1)).toThrow(/--test-ratio must be between 0 and 1/)
    }
    expect(() => makeSplits({ strategy: 'random', testRatio: 0.95 }, y(10), 1)).toThrow(/no training rows out of 10; use a value of at most 0.9/)
    expect(() => makeSplits({ strategy: 'random' }, y(1), 1)).toThrow(/has 1 row; .* at least 2/)
  })
})
