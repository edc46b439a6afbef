import type { Matrix } from '../pipeline/matrix.js'
import { columnSums, evenWidth, kernels, loadRows, reserve, type Exports } from './linalg-wasm.js'

// linalg's column means, centred normal equations, residual correlation, Gram matrix and X·w through
// the WebAssembly kernels, with the same results bit for bit; each returns undefined where the kernels
// are unavailable (the caller runs the JavaScript loops). The rows stay in the kernels' memory only
// until the next call of any of these.

/**
 * G += XᵀX over the n loaded rows, in calls of GRAM_CHUNK rows (even, so the rows pair up as in one
 * call): V8 runs a long first call in Liftoff's code to its end, while over several calls it swaps in
 * its optimised code once that is compiled (7,500 × 22 first call: ~2.8 ms CPU in one call, ~1.8 in
 * calls of 1,000 rows; warm ~0.5 either way).
 */
function gramInChunks(kx: Exports, n: number, rb: number, gAt: number): void {
  for (let i = 0; i < n; i += GRAM_CHUNK) kx.gram(i * rb, Math.min(GRAM_CHUNK, n - i), rb, gAt)
}
const GRAM_CHUNK = 1024

/** Bytes the scores kernel needs for k outputs of p features over n rows (weights, biases, output). */
const scoreCounts = (n: number, p: number, k: number): number[] => [p * evenWidth(k), evenWidth(k), n * evenWidth(k), k]

/**
 * b[c] + Σ_j x[i][j]·W[c·stride + j] (feature order) for the n rows loaded at offset 0, rb bytes apart:
 * n × k, row-major. at: the three regions of scoreCounts.
 */
function scoresOfLoaded(kx: Exports, n: number, rb: number, p: number, W: Float64Array, stride: number, k: number, b: (c: number) => number, [wAt, bAt, outAt]: number[], flagsAt?: number): Float64Array<ArrayBuffer> {
  const K = evenWidth(k)
  const heap = new Float64Array(kx.mem.buffer)
  heap.fill(0, wAt / 8, wAt / 8 + p * K)
  heap.fill(0, bAt / 8, bAt / 8 + K)
  for (let c = 0; c < k; c++) {
    heap[bAt / 8 + c] = b(c)
    for (let j = 0; j < p; j++) heap[wAt / 8 + j * K + c] = W[c * stride + j]
  }
  kx.scores(0, n, rb, p * 8, wAt, K * 8, bAt, outAt)
  if (flagsAt !== undefined) kx.signflip(outAt, n, K * 8, k * 8, flagsAt)
  const out = new Float64Array(kx.mem.buffer).slice(outAt / 8, outAt / 8 + n * K)
  if (K === k) return out
  const packed = new Float64Array(n * k)
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) packed[i * k + c] = out[i * K + c]
  return packed
}

export interface NormalEquations {
  means: Float64Array
  yMean: number
  /** Xcᵀ Xc, p × p row-major. */
  G: Float64Array
  Xty: Float64Array
  /** Xcᵀ (yc − Xc w) over the same rows; valid until the next kernel call. */
  residualCorrelation(w: Float64Array): Float64Array
}

/** Column means and centred normal equations (centre = false: the raw ones, means and yMean 0). */
export function kernelNormalEquations(X: Matrix, y: Float64Array, centre: boolean): NormalEquations | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const P = evenWidth(p + 1)
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * P, n, P, P * P, P, P]) : undefined
  if (!kx || !at) return undefined
  const [, yAt, mAt, gAt, wAt, outAt] = at
  loadRows(kx, X, P, y, yAt)
  const means = new Float64Array(p)
  let yMean = 0
  if (centre) {
    const sums = columnSums(kx, n, P, mAt)
    for (let j = 0; j < p; j++) means[j] = sums[j] / n
    yMean = sums[p] / n
    sums.set(means)
    sums[p] = yMean
    kx.centre(0, n, P * 8, mAt)
  }
  new Float64Array(kx.mem.buffer).fill(0, gAt / 8, gAt / 8 + P * P)
  gramInChunks(kx, n, P * 8, gAt)
  const all = new Float64Array(kx.mem.buffer, gAt, P * P)
  const G = new Float64Array(p * p)
  const Xty = new Float64Array(p)
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) G[a * p + b] = G[b * p + a] = all[a * P + b]
    Xty[a] = all[a * P + p]
  }
  return {
    means, yMean, G, Xty,
    residualCorrelation(w: Float64Array): Float64Array {
      const heap = new Float64Array(kx.mem.buffer)
      heap.set(w, wAt / 8)
      heap.fill(0, outAt / 8, outAt / 8 + P)
      kx.residual(0, n, P * 8, p * 8, wAt, outAt)
      return new Float64Array(kx.mem.buffer).slice(outAt / 8, outAt / 8 + p)
    },
  }
}

/** X w + b for each row. */
export function kernelLinearPredict(X: Matrix, w: Float64Array, b: number): Float64Array | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const at = kx && n > 0 ? reserve(kx, [n * p, ...scoreCounts(n, p, 1)]) : undefined
  if (!kx || !at) return undefined
  new Float64Array(kx.mem.buffer).set(X.data, 0)
  return scoresOfLoaded(kx, n, p * 8, p, w, p, 1, () => b, at.slice(1))
}

/**
 * PCA's loops: the rows centred on `means` (or on their own column means when none are given), their
 * Gram matrix when asked for, and then, once `components` (k × p) are known, their scores (n × k).
 */
export function kernelCentred(X: Matrix, means?: Float64Array, withGram = true): {
  means: Float64Array
  G?: Float64Array
  project(components: Float64Array, k: number): Float64Array<ArrayBuffer>
  /** project, then each score column whose largest |score| (first such row) is negative negated; flipped[c] says which. */
  projectSigned(components: Float64Array, k: number): { scores: Float64Array<ArrayBuffer>; flipped: boolean[] }
} | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const P = evenWidth(p)
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * P, P, withGram ? P * P : 0, ...scoreCounts(n, p, p)]) : undefined
  if (!kx || !at) return undefined
  const [, mAt, gAt] = at
  loadRows(kx, X, P)
  const m = means ? new Float64Array(kx.mem.buffer, mAt, P).fill(0) : columnSums(kx, n, P, mAt)
  if (means) m.set(means)
  else for (let j = 0; j < p; j++) m[j] /= n
  const ownMeans = m.slice(0, p)
  kx.centre(0, n, P * 8, mAt)
  let G: Float64Array | undefined
  if (withGram) {
    new Float64Array(kx.mem.buffer).fill(0, gAt / 8, gAt / 8 + P * P)
    gramInChunks(kx, n, P * 8, gAt)
    const all = new Float64Array(kx.mem.buffer, gAt, P * P)
    G = new Float64Array(p * p)
    for (let a = 0; a < p; a++) for (let b = a; b < p; b++) G[a * p + b] = G[b * p + a] = all[a * P + b]
  }
  return {
    means: ownMeans, G,
    project(components: Float64Array, k: number): Float64Array<ArrayBuffer> {
      return scoresOfLoaded(kx, n, P * 8, p, components, p, k, () => 0, at.slice(3))
    },
    projectSigned(components: Float64Array, k: number) {
      const scores = scoresOfLoaded(kx, n, P * 8, p, components, p, k, () => 0, at.slice(3), at[6])
      const flags = new Float64Array(kx.mem.buffer, at[6], k)
      return { scores, flipped: Array.from(flags, (f) => f === 1) }
    },
  }
}

/** The column means and population variances (squares about the means, rows in order), as linalg's columnMeans and columnVariances. */
export function kernelColumnMoments(X: Matrix): { means: Float64Array; variances: Float64Array } | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const P = evenWidth(p)
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * P, n, P, P]) : undefined
  if (!kx || !at) return undefined
  const [, zeroAt, mAt, vAt] = at
  loadRows(kx, X, P)
  const sums = columnSums(kx, n, P, mAt)
  for (let j = 0; j < p; j++) sums[j] /= n
  const means = sums.slice(0, p)
  const heap = new Float64Array(kx.mem.buffer)
  heap.fill(0, zeroAt / 8, zeroAt / 8 + n)
  heap.fill(0, vAt / 8, vAt / 8 + P)
  // every row in "class" 0
  kx.classsqdev(0, n, P * 8, zeroAt, mAt, vAt)
  const variances = new Float64Array(kx.mem.buffer).slice(vAt / 8, vAt / 8 + p)
  for (let j = 0; j < p; j++) variances[j] /= n
  return { means, variances }
}

/** (x − means) / scales per entry, a new matrix's data. */
export function kernelStandardise(X: Matrix, means: Float64Array, scales: Float64Array): Float64Array<ArrayBuffer> | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * p, p, p]) : undefined
  if (!kx || !at) return undefined
  const [, mAt, sAt] = at
  const heap = new Float64Array(kx.mem.buffer)
  heap.set(X.data, 0)
  heap.set(means, mAt / 8)
  heap.set(scales, sAt / 8)
  kx.standardise(0, n, p * 8, mAt, sAt)
  return new Float64Array(kx.mem.buffer).slice(0, n * p)
}

/** b_c + x·w_c per row and weight row (rows of W: p weights then b), rows × k, summed in feature order. */
export function kernelScores(X: Matrix, W: Float64Array, k: number): Float64Array<ArrayBuffer> | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const at = kx && n > 0 ? reserve(kx, [n * p, ...scoreCounts(n, p, k)]) : undefined
  if (!kx || !at) return undefined
  new Float64Array(kx.mem.buffer).set(X.data, 0)
  return scoresOfLoaded(kx, n, p * 8, p, W, p + 1, k, (c) => W[c * (p + 1) + p], at.slice(1))
}

/** The sweeps of linalg's symmetricEigen: the rotated A (eigenvalues on its diagonal) and V; leaves the current caller's data alone. */
export function kernelJacobi(S: Float64Array, n: number): { A: Float64Array; V: Float64Array } | undefined {
  const kx = kernels()
  const at = kx && n > 0 ? reserve(kx, [n * n, n * n], true) : undefined
  if (!kx || !at) return undefined
  const [aAt, vAt] = at
  const heap = new Float64Array(kx.mem.buffer)
  heap.set(S.subarray(0, n * n), aAt / 8)
  heap.fill(0, vAt / 8, vAt / 8 + n * n)
  for (let i = 0; i < n; i++) heap[vAt / 8 + i * n + i] = 1
  kx.jacobi(aAt, vAt, n)
  const after = new Float64Array(kx.mem.buffer)
  return { A: after.slice(aAt / 8, aAt / 8 + n * n), V: after.slice(vAt / 8, vAt / 8 + n * n) }
}
