import { InvalidInputError } from '../errors.js'
import type { Matrix } from '../pipeline/matrix.js'

/** Per row, the column with the highest value; the first one on ties (like numpy's argmax). */
export function argmaxRows(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows)
  for (let i = 0; i < m.rows; i++) {
    const offset = i * m.cols
    let best = 0
    for (let k = 1; k < m.cols; k++) if (m.data[offset + k] > m.data[offset + best]) best = k
    out[i] = best
  }
  return out
}

export function notFitted(component: string): Error {
  return new Error(`${component}: predict called before fit`)
}

export function regressionHasNoProba(component: string): InvalidInputError {
  return new InvalidInputError(`${component}: predictProba is only available for classification`)
}
