import { InvalidInputError } from '../errors.js'

export function checkSameLength(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  if (yTrue.length !== yPred.length) {
    throw new InvalidInputError(
      `cannot score ${yPred.length} predictions against ${yTrue.length} true values; pass one prediction per test row`,
    )
  }
  if (yTrue.length === 0) {
    throw new InvalidInputError('cannot compute metrics on an empty test set; use a split that leaves at least one test row')
  }
}

/** Neumaier-compensated sum, so long sums stay within ~1 ulp of numpy's pairwise sum. */
export function sum(values: Iterable<number>): number {
  let s = 0
  let c = 0
  for (const v of values) {
    const t = s + v
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s
    s = t
  }
  return s + c
}
