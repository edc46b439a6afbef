import { makeSplits } from '../../src/core/splits/index.js'
import { seededRandom } from '../../src/core/random.js'

/*
 * Splits of seed 1 on 10 rows, worked out independently of padre's code (by hand, with a
 * Python transcription of mulberry32 from src/core/random.ts and a textbook Fisher–Yates):
 *   mulberry32 state starts at 1 ^ 0x9e3779b9; the first draw is 0.18967728852294385.
 *   Fisher–Yates over 0..9 (i from 9 down, j = floor(u × (i + 1))) gives [9, 0, 8, 5, 7, 4, 3, 6, 2, 1].
 * A change to the PRNG or to the way rows are shuffled or dealt makes this test fail, on purpose:
 * it would change every recorded experiment's splits.
 */
const perm = [9, 0, 8, 5, 7, 4, 3, 6, 2, 1]

test('the PRNG draws what mulberry32 draws', () => {
  expect(seededRandom(1)()).toBe(0.18967728852294385)
})

test('random: the first ceil(0.25 × 10) = 3 shuffled rows are tested', () => {
  const [s] = makeSplits({ strategy: 'random' }, new Float64Array(10), 1)
  expect(Array.from(s.test)).toEqual([0, 8, 9])
  expect(Array.from(s.train)).toEqual([1, 2, 3, 4, 5, 6, 7])
})

test('cv, 5 folds: consecutive pairs of the shuffle', () => {
  const splits = makeSplits({ strategy: 'cv' }, new Float64Array(10), 1)
  expect(splits.map((s) => Array.from(s.test))).toEqual([[0, 9], [5, 8], [4, 7], [3, 6], [1, 2]])
  expect(splits.map((s) => Array.from(s.test))).toEqual([0, 2, 4, 6, 8].map((i) => perm.slice(i, i + 2).sort((a, b) => a - b)))
  expect(Array.from(splits[0].train)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
})

test('cv, 3 folds: sizes 4, 3, 3', () => {
  const splits = makeSplits({ strategy: 'cv', folds: 3 }, new Float64Array(10), 1)
  expect(splits.map((s) => Array.from(s.test))).toEqual([[0, 5, 8, 9], [3, 4, 7], [1, 2, 6]])
})

test('stratified, 2 folds: class 0 (rows 0-5) then class 1 (rows 6-9) shuffled by one stream, dealt alternately', () => {
  // class 0 shuffles to [0, 2, 4, 3, 5, 1] (draws 1-5), class 1 then to [6, 7, 9, 8] (draws 6-8);
  // the line [0, 2, 4, 3, 5, 1, 6, 7, 9, 8] is dealt to folds 0, 1, 0, 1, ...
  const y = Float64Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
  const splits = makeSplits({ strategy: 'stratified', folds: 2 }, y, 1)
  expect(splits.map((s) => Array.from(s.test))).toEqual([[0, 4, 5, 6, 9], [1, 2, 3, 7, 8]])
})
