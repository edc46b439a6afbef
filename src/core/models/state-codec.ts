import { matrix, type Matrix } from '../pipeline/matrix.js'

/** Float64 arrays travel as base64 of their little-endian bytes: exact, and a third the size of decimal text. */
export function encodeFloat64(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')
}

export function decodeFloat64(text: string): Float64Array<ArrayBuffer> {
  const bytes = Buffer.from(text, 'base64')
  if (bytes.byteLength % 8) throw new Error('a saved float64 array has a length that is not a multiple of 8 bytes')
  const out = new Float64Array(bytes.byteLength / 8)
  new Uint8Array(out.buffer).set(bytes)
  return out
}

export interface EncodedMatrix { rows: number; cols: number; data: string }

export function encodeMatrix(m: Matrix): EncodedMatrix {
  return { rows: m.rows, cols: m.cols, data: encodeFloat64(m.data) }
}

export function decodeMatrix(m: EncodedMatrix): Matrix {
  const data = decodeFloat64(m.data)
  if (data.length !== m.rows * m.cols) throw new Error(`a saved matrix holds ${data.length} values, not ${m.rows}×${m.cols}`)
  return matrix(m.rows, m.cols, data)
}

/** A linear model's coefficients and intercept, both as base64 float64 (the intercept too: plain JSON would turn −0 into 0). */
export interface LinearState { coef: string; intercept: string }

export function encodeLinearState(coef: Float64Array, intercept: number): LinearState {
  return { coef: encodeFloat64(coef), intercept: encodeFloat64(Float64Array.of(intercept)) }
}

/** `component` names the model in the error when the state holds other than one intercept. */
export function decodeLinearState(state: LinearState, component: string): { coef: Float64Array<ArrayBuffer>; intercept: number } {
  const intercept = decodeFloat64(state.intercept)
  if (intercept.length !== 1) throw new Error(`a saved ${component} holds ${intercept.length} intercepts, not 1`)
  return { coef: decodeFloat64(state.coef), intercept: intercept[0] }
}
