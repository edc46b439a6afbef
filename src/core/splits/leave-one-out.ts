import { splitFromTest } from './order.js'
import type { Split } from './types.js'

/** n splits: split i tests row i alone and trains on every other row. */
export function leaveOneOutSplits(nRows: number): Split[] {
  return Array.from({ length: nRows }, (_, i) => splitFromTest(i, nRows, [i]))
}
