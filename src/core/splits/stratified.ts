import type { SplitSpec } from '../model/types.js'
import { shuffleInPlace } from '../random.js'
import { randomFor, splitFromTest } from './order.js'
import { DEFAULT_FOLDS, type Split } from './types.js'

/**
 * Stratified k-fold. Rows are lined up class by class (each class's rows shuffled, classes in
 * index order) and dealt to folds round-robin. As each class is a contiguous run of that line,
 * its rows per fold differ by at most 1, and so do the fold sizes.
 */
export function stratifiedSplits(spec: SplitSpec, classes: Int32Array, nClasses: number, seed: number): Split[] {
  const folds = spec.folds ?? DEFAULT_FOLDS
  const random = randomFor(seed, spec.shuffle)
  const byClass: number[][] = Array.from({ length: nClasses }, () => [])
  classes.forEach((c, row) => byClass[c].push(row))
  const line = byClass.flatMap((rows) => (random ? shuffleInPlace(rows, random) : rows))
  const tests: number[][] = Array.from({ length: folds }, () => [])
  line.forEach((row, position) => tests[position % folds].push(row))
  return tests.map((test, f) => splitFromTest(f, classes.length, test))
}
