import type { SplitSpec } from '../model/types.js'
import { testSize } from './check.js'
import { randomFor, rowOrder, splitFromTest } from './order.js'
import { DEFAULT_TEST_RATIO, type Split } from './types.js'

/** One split: the first ceil(testRatio × n) rows of the seeded shuffle are tested (the last ones without shuffle). */
export function randomSplit(spec: SplitSpec, nRows: number, seed: number): Split[] {
  const nTest = testSize(spec.testRatio ?? DEFAULT_TEST_RATIO, nRows)
  const random = randomFor(seed, spec.shuffle)
  const order = rowOrder(nRows, random)
  const test = random ? order.subarray(0, nTest) : order.subarray(nRows - nTest)
  return [splitFromTest(0, nRows, test)]
}
