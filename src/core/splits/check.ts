import { closeMatches, InvalidInputError } from '../errors.js'
import type { SplitSpec, SplitStrategy } from '../model/types.js'
import { DEFAULT_FOLDS, DEFAULT_TEST_RATIO, MAX_LEAVE_ONE_OUT_ROWS } from './types.js'

export const STRATEGIES: SplitStrategy[] = ['random', 'cv', 'stratified', 'explicit', 'function', 'leaveOneOut']

/**
 * Throws InvalidInputError, with the fix, when `spec` cannot split `nRows` rows.
 * classCounts (rows per class index) is needed to check a stratified split.
 */
export function checkSplitSpec(spec: SplitSpec, nRows: number, classCounts?: ArrayLike<number>): void {
  if (!STRATEGIES.includes(spec.strategy)) {
    const close = closeMatches(String(spec.strategy), STRATEGIES)
    throw new InvalidInputError(
      `unknown split strategy '${spec.strategy}'; use one of ${STRATEGIES.join(', ')}`,
      close,
    )
  }
  if (spec.shuffle !== undefined && typeof spec.shuffle !== 'boolean') {
    throw new InvalidInputError(`shuffle must be true or false, got ${JSON.stringify(spec.shuffle)}`)
  }
  if (nRows < 2) {
    throw new InvalidInputError(`the dataset has ${nRows} row${nRows === 1 ? '' : 's'}; splitting into train and test needs at least 2`)
  }
  if (spec.repeats !== undefined) checkRepeats(spec)
  if (spec.strategy === 'explicit' || spec.strategy === 'function') return
  if (spec.strategy === 'leaveOneOut') checkLeaveOneOut(nRows)
  else if (spec.strategy === 'random') checkTestRatio(spec.testRatio ?? DEFAULT_TEST_RATIO, nRows)
  else checkFolds(spec.folds ?? DEFAULT_FOLDS, nRows, spec.strategy === 'stratified' ? classCounts : undefined, spec.strategy)
}

/** Rows held out by a random split: ceil(ratio × n), as sklearn, but without float noise (0.07 × 100 → 7). */
export function testSize(testRatio: number, nRows: number): number {
  return Math.ceil(testRatio * nRows - 1e-9)
}

function checkTestRatio(testRatio: number, nRows: number): void {
  if (typeof testRatio !== 'number' || !(testRatio > 0 && testRatio < 1)) {
    throw new InvalidInputError(
      `--test-ratio must be between 0 and 1 (exclusive), got ${testRatio}; e.g. 0.25 holds out a quarter of the rows`,
    )
  }
  if (testSize(testRatio, nRows) >= nRows) {
    throw new InvalidInputError(
      `--test-ratio ${testRatio} leaves no training rows out of ${nRows}; use a value of at most ${((nRows - 1) / nRows).toFixed(3).replace(/0+$/, '')}`,
    )
  }
}

function checkFolds(folds: number, nRows: number, classCounts: ArrayLike<number> | undefined, strategy: SplitStrategy): void {
  if (!Number.isInteger(folds) || folds < 2 || folds > nRows) {
    throw new InvalidInputError(`--folds must be between 2 and ${nRows} (the dataset has ${nRows} rows), got ${folds}`)
  }
  if (strategy !== 'stratified') return
  if (!classCounts) {
    throw new InvalidInputError('a stratified split needs the class of every row; pass the class counts')
  }
  let smallest = -1
  for (let c = 0; c < classCounts.length; c++) {
    if (classCounts[c] > 0 && (smallest < 0 || classCounts[c] < classCounts[smallest])) smallest = c
  }
  if (smallest >= 0 && folds > classCounts[smallest]) {
    const n = classCounts[smallest]
    throw new InvalidInputError(
      `--folds ${folds} is more than the ${n} row${n === 1 ? '' : 's'} of the smallest class (class ${smallest}); ` +
        (n >= 2 ? `use --folds ${n} or fewer, or a cv split` : 'use a cv or random split'),
    )
  }
}

function checkRepeats(spec: SplitSpec): void {
  const r = spec.repeats
  if (spec.strategy !== 'cv' && spec.strategy !== 'stratified') {
    throw new InvalidInputError(`repeats applies to cv and stratified splits, not ${spec.strategy}; remove it or use strategy 'cv'`)
  }
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > 100) throw new InvalidInputError(`--repeats must be an integer between 1 and 100, got ${JSON.stringify(r)}`)
  if (r > 1 && spec.shuffle === false) throw new InvalidInputError(`--repeats ${r} without shuffling repeats the same folds ${r} times; drop --no-shuffle (each repeat reshuffles from the seed) or use --repeats 1`)
}

function checkLeaveOneOut(nRows: number): void {
  if (nRows > MAX_LEAVE_ONE_OUT_ROWS) {
    throw new InvalidInputError(
      `leaveOneOut would fit ${nRows} models, one per row; it is limited to ${MAX_LEAVE_ONE_OUT_ROWS} rows: use --split cv --folds 10 (or more folds) instead`,
    )
  }
}
