import type { SplitSpec } from '../model/types.js'
import { randomFor, rowOrder, splitFromTest } from './order.js'
import { DEFAULT_FOLDS, type Split } from './types.js'

/** k-fold, like sklearn's KFold: consecutive chunks of the (shuffled) row order, the first n mod k folds one row larger. */
export function cvSplits(spec: SplitSpec, nRows: number, seed: number): Split[] {
  const folds = spec.folds ?? DEFAULT_FOLDS
  const order = rowOrder(nRows, randomFor(seed, spec.shuffle))
  const base = Math.floor(nRows / folds)
  const splits: Split[] = []
  let start = 0
  for (let f = 0; f < folds; f++) {
    const size = base + (f < nRows % folds ? 1 : 0)
    splits.push(splitFromTest(f, nRows, order.subarray(start, start + size)))
    start += size
  }
  return splits
}
