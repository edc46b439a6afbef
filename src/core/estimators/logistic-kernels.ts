import type { Matrix } from '../pipeline/matrix.js'
import { columnSums, evenWidth, kernels, reserve, loadRows } from './linalg-wasm.js'

/**
 * logisticRegression's standardised training rows and the two loops over them each loss evaluation
 * runs: z = Z u_c + c_c (linear) and [Σ r·Z, Σ r] (gradient). The WebAssembly design keeps the rows in
 * the kernels' memory (row-major, a column of ones after the features for Σ r) and its z buffer there
 * too; it gives the JavaScript design's results bit for bit. Valid until the next kernel call elsewhere.
 */
export interface Design {
  means: Float64Array
  scales: Float64Array
  /** free × n values for linear's output and the loss's residuals. */
  z: Float64Array
  linear(theta: Float64Array, free: number): void
  /** grad rows [Σ z·Z, Σ z] + penalty·u (the intercept's 0 unless fitted); returns ½ Σ penalty·u². */
  gradient(theta: Float64Array, free: number, penalty: Float64Array, intercept: boolean, grad: Float64Array): number
  /** The softmax loss's pass over z for these K classes (z becomes the residuals); returns Σ −log softmax(z)_label. */
  softmax?(K: number): number
}

export function kernelDesign(X: Matrix, centre: boolean, free: number, labels?: Int32Array): Design | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const q = p + 1
  const P = evenWidth(q)
  const rb = P * 8
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * P, P, P, P, n, free * n, free * q, P, n, 4]) : undefined
  if (!kx || !at) return undefined
  const [, mAt, zeroAt, sAt, colAt, zAt, thAt, outAt, labAt, stAt] = at
  loadRows(kx, X, P)
  const means = new Float64Array(p)
  if (centre) {
    const sums = columnSums(kx, n, P, mAt)
    for (let j = 0; j < p; j++) sums[j] = means[j] = sums[j] / n
    kx.centre(0, n, rb, mAt)
  }
  let heap = new Float64Array(kx.mem.buffer)
  heap.fill(0, zeroAt / 8, zeroAt / 8 + P)
  heap.fill(0, sAt / 8, sAt / 8 + P)
  heap.fill(0, colAt / 8, colAt / 8 + n)
  // Σ z² per column: the squares about zero means, every row in "class" 0
  kx.classsqdev(0, n, rb, colAt, zeroAt, sAt)
  heap = new Float64Array(kx.mem.buffer)
  const scales = new Float64Array(p)
  for (let j = 0; j < P; j++) heap[sAt / 8 + j] = j < p ? (scales[j] = Math.sqrt(heap[sAt / 8 + j] / n) || 1) : 1
  kx.divide(0, n, rb, sAt)
  heap.fill(1, colAt / 8, colAt / 8 + n)
  kx.setcol(0, n, rb, p * 8, colAt)
  const z = new Float64Array(kx.mem.buffer, zAt, free * n)
  const theta = new Float64Array(kx.mem.buffer, thAt, free * q)
  const out = new Float64Array(kx.mem.buffer, outAt, P)
  if (labels) new Float64Array(kx.mem.buffer, labAt, n).set(labels)
  const state = new Float64Array(kx.mem.buffer, stAt, 4)
  return {
    means, scales, z,
    linear(t: Float64Array, k: number): void {
      theta.set(t.subarray(0, k * q))
      for (let c = 0; c < k; c++) kx.linear4(0, n, rb, p * 8, thAt + c * q * 8, zAt + c * n * 8)
    },
    gradient(t: Float64Array, k: number, penalty: Float64Array, intercept: boolean, grad: Float64Array): number {
      let f = 0
      for (let c = 0; c < k; c++) {
        out.fill(0)
        kx.xtr(0, n, rb, zAt + c * n * 8, outAt)
        for (let j = 0; j < p; j++) {
          const u = t[c * q + j]
          grad[c * q + j] = out[j] + penalty[j] * u
          f += 0.5 * penalty[j] * u * u
        }
        grad[c * q + p] = intercept ? out[p] : 0
      }
      return f
    },
    softmax: labels && ((K: number): number => {
      state.set([0, 1, 0, 0])
      do {
        kx.softmax(zAt, n, K, labAt, stAt)
        // stopped after a row whose running product passed 1e280: its log, as the JavaScript loop adds it
        if (state[3]) {
          state[0] += Math.log(state[1])
          state[1] = 1
        }
      } while (state[3])
      return state[0] + Math.log(state[1])
    }),
  }
}
