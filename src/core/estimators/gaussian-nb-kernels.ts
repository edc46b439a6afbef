import type { Matrix } from '../pipeline/matrix.js'
import { columnSums, evenWidth, kernels, loadRows, reserve } from './linalg-wasm.js'

// gaussianNB's loops through the WebAssembly kernels, bit for bit the JavaScript ones (same arithmetic,
// same order); undefined where the kernels are unavailable.

/** Per-class sums of x and of (x − class mean)², and the columns' population variances. */
export function kernelClassMoments(X: Matrix, y: Float64Array, K: number, counts: Float64Array): { means: Float64Array; squares: Float64Array; columnVariances: Float64Array } | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const P = evenWidth(p)
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * P, n, n, K * P, K * P, P, P]) : undefined
  if (!kx || !at) return undefined
  const [, yAt, zeroAt, sumAt, sqAt, cmAt, cvAt] = at
  loadRows(kx, X, P)
  let heap = new Float64Array(kx.mem.buffer)
  heap.set(y, yAt / 8)
  heap.fill(0, zeroAt / 8, sqAt / 8 + K * P)
  kx.classsums(0, n, P * 8, yAt, sumAt)
  heap = new Float64Array(kx.mem.buffer)
  const means = new Float64Array(K * p)
  for (let c = 0; c < K; c++) {
    for (let j = 0; j < p; j++) heap[sumAt / 8 + c * P + j] = means[c * p + j] = heap[sumAt / 8 + c * P + j] / (counts[c] || 1)
  }
  kx.classsqdev(0, n, P * 8, yAt, sumAt, sqAt)
  // the columns' variances: their means, then the squares about them (every row in "class" 0)
  const colMeans = columnSums(kx, n, P, cmAt)
  for (let j = 0; j < p; j++) colMeans[j] /= n
  new Float64Array(kx.mem.buffer).fill(0, cvAt / 8, cvAt / 8 + P)
  kx.classsqdev(0, n, P * 8, zeroAt, cmAt, cvAt)
  heap = new Float64Array(kx.mem.buffer)
  const squares = new Float64Array(K * p)
  for (let c = 0; c < K; c++) for (let j = 0; j < p; j++) squares[c * p + j] = heap[sqAt / 8 + c * P + j]
  const columnVariances = heap.slice(cvAt / 8, cvAt / 8 + p)
  for (let j = 0; j < p; j++) columnVariances[j] /= n
  return { means, squares, columnVariances }
}

/** bias[c] − 0.5 · Σ (x − means[c])² / vars[c] per row and class, rows × K. */
export function kernelJointLogLikelihood(X: Matrix, K: number, means: Float64Array, vars: Float64Array, bias: Float64Array): Float64Array<ArrayBuffer> | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * p, K * p, K * p, K, n * K]) : undefined
  if (!kx || !at) return undefined
  const [, mAt, vAt, bAt, outAt] = at
  const heap = new Float64Array(kx.mem.buffer)
  heap.set(X.data, 0)
  heap.set(means, mAt / 8)
  heap.set(vars, vAt / 8)
  heap.set(bias, bAt / 8)
  kx.jll(0, n, p * 8, p * 8, K, mAt, vAt, bAt, outAt)
  return new Float64Array(kx.mem.buffer).slice(outAt / 8, outAt / 8 + n * K)
}
