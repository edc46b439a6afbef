import { InvalidInputError } from '../errors.js'
import type { SplitSpec } from '../model/types.js'
import { checkSplitSpec } from './check.js'
import { cvSplits } from './cv.js'
import { randomSplit } from './random.js'
import { stratifiedSplits } from './stratified.js'
import type { Split } from './types.js'

export { checkSplitSpec, testSize } from './check.js'
export { DEFAULT_FOLDS, DEFAULT_TEST_RATIO, type Split } from './types.js'

/** The train/test splits of `spec` over y's rows, the same for the same seed. For stratified, y holds class indices. */
export function makeSplits(spec: SplitSpec, y: Float64Array, seed: number): Split[] {
  if (spec.strategy !== 'stratified') {
    checkSplitSpec(spec, y.length)
    return spec.strategy === 'random' ? randomSplit(spec, y.length, seed) : cvSplits(spec, y.length, seed)
  }
  const classes = classIndices(y)
  const counts: number[] = []
  classes.forEach((c) => (counts[c] = (counts[c] ?? 0) + 1))
  checkSplitSpec(spec, y.length, Array.from(counts, (c) => c ?? 0))
  return stratifiedSplits(spec, classes, counts.length, seed)
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
