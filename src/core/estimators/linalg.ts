/** Small dense linear algebra on row-major Float64Arrays, enough for the built-in estimators. */
import { matrix, type Matrix } from '../pipeline/matrix.js'
import { kernelJacobi, kernelLinearPredict } from './linalg-wasm.js'

export function columnMeans(X: Matrix): Float64Array {
  const means = new Float64Array(X.cols)
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) means[j] += X.data[i * X.cols + j]
  for (let j = 0; j < X.cols; j++) means[j] /= X.rows
  return means
}

/** Population variance per column, two-pass for accuracy. */
export function columnVariances(X: Matrix, means = columnMeans(X)): Float64Array {
  const vars = new Float64Array(X.cols)
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) {
      const d = X.data[i * X.cols + j] - means[j]
      vars[j] += d * d
    }
  }
  for (let j = 0; j < X.cols; j++) vars[j] /= X.rows
  return vars
}

export function centred(X: Matrix, means: Float64Array): Matrix {
  const out = matrix(X.rows, X.cols)
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) out.data[i * X.cols + j] = X.data[i * X.cols + j] - means[j]
  return out
}

/** X − means, column-major (column j at [j·rows ..]). */
export function centredColumns(X: Matrix, means: Float64Array): Float64Array {
  const out = new Float64Array(X.rows * X.cols)
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) out[j * X.rows + i] = X.data[i * X.cols + j] - means[j]
  return out
}

/**
 * Xcᵀ Xc and Xcᵀ yc for Xc = X − means, yc = y − yMean, in one pass without copying X. Rows go in
 * pairs: each entry of G is loaded and stored once per two rows (the sums pair up two rows' products).
 */
export function centredNormalEquations(X: Matrix, means: Float64Array, y: Float64Array, yMean: number): { G: Float64Array; Xty: Float64Array } {
  const p = X.cols
  const G = new Float64Array(p * p)
  const Xty = new Float64Array(p)
  const u = new Float64Array(p)
  const v = new Float64Array(p)
  let i = 0
  for (; i + 2 <= X.rows; i += 2) {
    const o = i * p
    for (let j = 0; j < p; j++) {
      u[j] = X.data[o + j] - means[j]
      v[j] = X.data[o + p + j] - means[j]
    }
    const yu = y[i] - yMean
    const yv = y[i + 1] - yMean
    for (let a = 0; a < p; a++) {
      const ua = u[a]
      const va = v[a]
      Xty[a] += ua * yu + va * yv
      for (let b = a; b < p; b++) G[a * p + b] += ua * u[b] + va * v[b]
    }
  }
  for (; i < X.rows; i++) {
    const o = i * p
    for (let j = 0; j < p; j++) u[j] = X.data[o + j] - means[j]
    const yu = y[i] - yMean
    for (let a = 0; a < p; a++) {
      Xty[a] += u[a] * yu
      for (let b = a; b < p; b++) G[a * p + b] += u[a] * u[b]
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) G[a * p + b] = G[b * p + a]
  return { G, Xty }
}

export function mean(values: Float64Array): number {
  let s = 0
  for (const v of values) s += v
  return values.length ? s / values.length : 0
}

/** Xᵀ X (cols × cols); rows in pairs, as in centredNormalEquations. */
export function gram(X: Matrix): Float64Array {
  const p = X.cols
  const G = new Float64Array(p * p)
  const d = X.data
  let i = 0
  for (; i + 2 <= X.rows; i += 2) {
    const u = i * p
    const v = u + p
    for (let a = 0; a < p; a++) {
      const ua = d[u + a]
      const va = d[v + a]
      for (let b = a; b < p; b++) G[a * p + b] += ua * d[u + b] + va * d[v + b]
    }
  }
  for (; i < X.rows; i++) {
    const u = i * p
    for (let a = 0; a < p; a++) for (let b = a; b < p; b++) G[a * p + b] += d[u + a] * d[u + b]
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) G[a * p + b] = G[b * p + a]
  return G
}

/** Xᵀ v. */
export function transposeTimes(X: Matrix, v: Float64Array): Float64Array {
  const out = new Float64Array(X.cols)
  for (let i = 0; i < X.rows; i++) {
    const vi = v[i]
    for (let j = 0; j < X.cols; j++) out[j] += X.data[i * X.cols + j] * vi
  }
  return out
}

/**
 * Solves A x = b for symmetric positive definite A (n × n, row-major) by Cholesky.
 * Returns undefined when A is not numerically positive definite.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array | undefined {
  const L = cholesky(A, n)
  return L && choleskySubstitute(L, b, n)
}

/** The lower-triangular L with A = L Lᵀ, or undefined when A is not numerically positive definite. */
export function cholesky(A: Float64Array, n: number): Float64Array | undefined {
  const L = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j]
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k]
      if (i === j) {
        if (!(s > 0)) return undefined
        L[i * n + i] = Math.sqrt(s)
      } else {
        L[i * n + j] = s / L[j * n + j]
      }
    }
  }
  return L
}

/** x with L Lᵀ x = b. */
export function choleskySubstitute(L: Float64Array, b: Float64Array, n: number): Float64Array {
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let s = b[i]
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k]
    y[i] = s / L[i * n + i]
  }
  const x = new Float64Array(n)
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k]
    x[i] = s / L[i * n + i]
  }
  return x
}

/**
 * Minimum-norm least squares min ‖A x − b‖ via Householder QR with column pivoting.
 * Columns whose pivot falls below rcond × the largest pivot are treated as dependent and get 0
 * (a basic solution; for full-rank problems it is the unique solution).
 * Works on a column-major copy (column j at R[j·m ..]): every inner loop walks one column.
 */
export function leastSquares(A: Matrix, b: Float64Array, rcond = 1e-12): Float64Array {
  const R = new Float64Array(A.rows * A.cols)
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) R[j * A.rows + i] = A.data[i * A.cols + j]
  return leastSquaresColumns(R, A.rows, A.cols, b, rcond)
}

/** leastSquares on a column-major m × n array R, which it overwrites. */
export function leastSquaresColumns(R: Float64Array, m: number, n: number, b: Float64Array, rcond = 1e-12): Float64Array {
  const rhs = Float64Array.from(b)
  const perm = Int32Array.from({ length: n }, (_, j) => j)
  const steps = Math.min(m, n)
  const v = new Float64Array(m)
  let rank = 0
  let firstPivot = 0
  for (let k = 0; k < steps; k++) {
    // pivot: the remaining column with the largest norm below row k
    let best = k
    let bestNorm = -1
    for (let j = k; j < n; j++) {
      const o = j * m
      let s = 0
      for (let i = k; i < m; i++) s += R[o + i] ** 2
      if (s > bestNorm) {
        bestNorm = s
        best = j
      }
    }
    if (best !== k) {
      const column = R.slice(k * m, (k + 1) * m)
      R.copyWithin(k * m, best * m, (best + 1) * m)
      R.set(column, best * m)
      const t = perm[k]
      perm[k] = perm[best]
      perm[best] = t
    }
    const alphaNorm = Math.sqrt(bestNorm)
    if (k === 0) firstPivot = alphaNorm
    if (alphaNorm === 0 || alphaNorm <= rcond * firstPivot) break
    rank++
    const ok = k * m
    const alpha = R[ok + k] > 0 ? -alphaNorm : alphaNorm
    // v = x − alpha e1 (entries k..m−1)
    for (let i = k; i < m; i++) v[i] = R[ok + i]
    v[k] -= alpha
    let vv = 0
    for (let i = k; i < m; i++) vv += v[i] * v[i]
    if (vv === 0) continue
    for (let j = k; j < n; j++) {
      const o = j * m
      let s = 0
      for (let i = k; i < m; i++) s += v[i] * R[o + i]
      const f = (2 * s) / vv
      for (let i = k; i < m; i++) R[o + i] -= f * v[i]
    }
    let s = 0
    for (let i = k; i < m; i++) s += v[i] * rhs[i]
    const f = (2 * s) / vv
    for (let i = k; i < m; i++) rhs[i] -= f * v[i]
  }
  const z = new Float64Array(n)
  for (let i = rank - 1; i >= 0; i--) {
    let s = rhs[i]
    for (let j = i + 1; j < rank; j++) s -= R[j * m + i] * z[j]
    z[i] = s / R[i * m + i]
  }
  const x = new Float64Array(n)
  for (let j = 0; j < n; j++) x[perm[j]] = z[j]
  return x
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching eigenvectors as columns of a row-major n × n array.
 */
export function symmetricEigen(S: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const { A, V } = kernelJacobi(S, n) ?? jacobi(S, n)
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => A[b * n + b] - A[a * n + a])
  const values = new Float64Array(n)
  const vectors = new Float64Array(n * n)
  order.forEach((src, dst) => {
    values[dst] = A[src * n + src]
    for (let k = 0; k < n; k++) vectors[k * n + dst] = V[k * n + src]
  })
  return { values, vectors }
}

/** symmetricEigen's cyclic Jacobi sweeps in JavaScript: the rotated A (eigenvalues on its diagonal) and the rotations' product V. */
export function jacobi(S: Float64Array, n: number): { A: Float64Array; V: Float64Array } {
  const A = Float64Array.from(S)
  const V = new Float64Array(n * n)
  for (let i = 0; i < n; i++) V[i * n + i] = 1
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    let total = 0
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a2 = A[i * n + j] * A[i * n + j]
        total += a2
        if (i !== j) off += a2
      }
    }
    if (off === 0 || off <= 1e-32 * total) break
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]
        if (apq === 0) continue
        // below rounding of both diagonal entries: a rotation would change nothing but the last bits,
        // and without this the off-diagonal mass never reaches the stopping test (100 sweeps)
        const g = 100 * Math.abs(apq)
        if (sweep > 3 && Math.abs(A[p * n + p]) + g === Math.abs(A[p * n + p]) && Math.abs(A[q * n + q]) + g === Math.abs(A[q * n + q])) {
          A[p * n + q] = 0
          A[q * n + p] = 0
          continue
        }
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p]
          const akq = A[k * n + q]
          A[k * n + p] = c * akp - s * akq
          A[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k]
          const aqk = A[q * n + k]
          A[p * n + k] = c * apk - s * aqk
          A[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p]
          const vkq = V[k * n + q]
          V[k * n + p] = c * vkp - s * vkq
          V[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  return { A, V }
}

/** X w + b for each row. */
export function linearPredict(X: Matrix, w: Float64Array, b: number): Float64Array {
  if (X.cols !== w.length) throw new Error(`model was fitted on ${w.length} features, got ${X.cols}`)
  return kernelLinearPredict(X, w, b) ?? jsLinearPredict(X, w, b)
}

/** linearPredict's JavaScript loop (where the WebAssembly kernels are unavailable). */
export function jsLinearPredict(X: Matrix, w: Float64Array, b: number): Float64Array {
  const out = new Float64Array(X.rows)
  for (let i = 0; i < X.rows; i++) {
    let s = b
    for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j] * w[j]
    out[i] = s
  }
  return out
}
