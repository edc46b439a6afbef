import { InvalidInputError } from '../errors.js'
import type { SplitSpec } from '../model/types.js'
import { checkSplitSpec } from './check.js'
import { cvSplits } from './cv.js'
import { functionSplits } from './function.js'
import { leaveOneOutSplits } from './leave-one-out.js'
import { randomSplit } from './random.js'
import { repeated } from './repeat.js'
import { stratifiedSplits } from './stratified.js'
import type { Split } from './types.js'
import { checkUserSplits } from './user.js'

export { checkSplitSpec, testSize, STRATEGIES } from './check.js'
export { attachSplitFunction, splitFunctionOf } from './function.js'
export { DEFAULT_FOLDS, DEFAULT_TEST_RATIO, MAX_LEAVE_ONE_OUT_ROWS, type Split, type SplitContext, type SplitFunction, type UserSplit } from './types.js'

/** The train/test splits of `spec` over y's rows, the same for the same seed. For stratified, y holds class indices. */
export function makeSplits(spec: SplitSpec, y: Float64Array, seed: number): Split[] {
  if (spec.strategy !== 'stratified') {
    checkSplitSpec(spec, y.length)
    switch (spec.strategy) {
      case 'random': return randomSplit(spec, y.length, seed)
      case 'explicit': return checkUserSplits(spec.splits, y.length, 'split.splits')
      case 'function': return functionSplits(spec, y, seed)
      case 'leaveOneOut': return leaveOneOutSplits(y.length)
      default: return repeated(spec.repeats ?? 1, seed, (s) => cvSplits(spec, y.length, s))
    }
  }
  const classes = classIndices(y)
  const counts: number[] = []
  classes.forEach((c) => (counts[c] = (counts[c] ?? 0) + 1))
  checkSplitSpec(spec, y.length, Array.from(counts, (c) => c ?? 0))
  return repeated(spec.repeats ?? 1, seed, (s) => stratifiedSplits(spec, classes, counts.length, s))
}

function classIndices(y: Float64Array): Int32Array {
  const out = new Int32Array(y.length)
  y.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0) {
      throw new InvalidInputError(
        `a stratified split needs a class index per row, but row ${i} has ${v}; use a cv split for a numeric target`,
      )
    }
    out[i] = v
  })
  return out
}
