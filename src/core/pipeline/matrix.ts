/** A dense row-major matrix of float64: rows × cols. */
export interface Matrix {
  rows: number
  cols: number
  data: Float64Array
}

export function matrix(rows: number, cols: number, data = new Float64Array(rows * cols)): Matrix {
  return { rows, cols, data }
}

export function fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
  const cols = rows.length ? rows[0].length : 0
  const m = matrix(rows.length, cols)
  for (let i = 0; i < rows.length; i++) m.data.set(rows[i] as ArrayLike<number>, i * cols)
  return m
}

export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols)
}

export function takeRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = matrix(indices.length, m.cols)
  for (let k = 0; k < indices.length; k++) out.data.set(row(m, indices[k]), k * m.cols)
  return out
}

export function take(values: Float64Array, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length)
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k]]
  return out
}


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
