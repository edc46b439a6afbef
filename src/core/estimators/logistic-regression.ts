import type { ParamValue } from '../model/types.js'
import { argmaxRows, matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, FitContext, SavesState } from '../pipeline/types.js'
import { decodeFloat64, encodeFloat64 } from '../models/state-codec.js'
import { lbfgs } from './lbfgs.js'
import { columnMeans } from './linalg.js'
import { classCount } from './labels.js'
import { kernelDesign, kernelScores, type Design } from './linalg-wasm.js'

interface LogisticState { nClasses: number; nFeatures: number; present: number[]; theta: string }

/**
 * L2-penalised logistic regression with an unpenalised intercept, minimising the same objective as
 * sklearn's lbfgs solver: Σ log-loss + ‖W‖² / (2C), over the classes present in the training rows
 * (as sklearn, which never sees the others). Three or more present classes: multinomial softmax.
 * Two: a single sigmoid, as sklearn does for binary problems (a two-class softmax with the penalty on
 * both weight vectors would be the binary model at twice C). Classes absent from the training rows
 * get probability 0.
 *
 * Solved by L-BFGS on centred, unit-variance features with the penalty rescaled to match: the same
 * optimum in better-conditioned coordinates, so it converges in far fewer iterations.
 */
export class LogisticRegression implements Estimator, SavesState {
  private nClasses = 0
  private nFeatures = 0
  /** The class indices present in the training rows, ascending. */
  private present: Int32Array = new Int32Array(0)
  /** Free classes × (nFeatures + 1) in the original coordinates, the last column the intercept. Binary: one row for present[1]. */
  private theta: Float64Array = new Float64Array(0)

  constructor(
    private readonly C: number,
    private readonly maxIter: number,
    private readonly tol: number,
    private readonly fitIntercept: boolean,
  ) {}

  fit(X: Matrix, y: Float64Array, ctx: FitContext): void {
    const K = classCount(y, ctx.nClasses)
    const counts = new Int32Array(K)
    for (let i = 0; i < y.length; i++) counts[y[i]]++
    const present = Int32Array.from(counts.keys()).filter((c) => counts[c] > 0)
    if (present.length < 2) throw new Error(`logisticRegression needs at least two classes in the training rows, got ${present.length}`)
    const local = new Int32Array(K).fill(-1)
    present.forEach((c, i) => (local[c] = i))
    const labels = Int32Array.from(y, (c) => local[c])
    const n = X.rows
    const p = X.cols
    const q = p + 1
    const free = present.length === 2 ? 1 : present.length
    const design = kernelDesign(X, this.fitIntercept, free, labels) ?? jsDesign(X, this.fitIntercept, free)
    const { means, scales } = design
    const penalty = new Float64Array(p).map((_, j) => 1 / (this.C * scales[j] * scales[j]))
    const loss = present.length === 2 ? binaryLoss(design, n, labels, penalty, this.fitIntercept) : softmaxLoss(design, n, labels, free, penalty, this.fitIntercept)
    const { x } = lbfgs(loss, new Float64Array(free * q), { maxIter: this.maxIter, gtol: this.tol * n })
    // back to the original coordinates: w = u / s, b = c − Σ w·m
    const theta = new Float64Array(free * q)
    for (let c = 0; c < free; c++) {
      let b = x[c * q + p]
      for (let j = 0; j < p; j++) {
        const w = x[c * q + j] / scales[j]
        theta[c * q + j] = w
        b -= w * means[j]
      }
      theta[c * q + p] = b
    }
    this.nClasses = K
    this.nFeatures = p
    this.present = present
    this.theta = theta
  }

  predictProba(X: Matrix): Matrix {
    if (X.cols !== this.nFeatures) throw new Error(`logisticRegression was fitted on ${this.nFeatures} features, got ${X.cols}`)
    const K = this.nClasses
    const p = X.cols
    const q = p + 1
    const present = this.present
    const binary = present.length === 2
    const free = binary ? 1 : present.length
    const theta = this.theta
    const out = matrix(X.rows, K)
    const scores = kernelScores(X, theta, free)
    const z = new Float64Array(free)
    for (let i = 0; i < X.rows; i++) {
      const o = i * p
      for (let c = 0; c < free; c++) {
        if (scores) {
          z[c] = scores[i * free + c]
          continue
        }
        let s = theta[c * q + p]
        for (let j = 0; j < p; j++) s += theta[c * q + j] * X.data[o + j]
        z[c] = s
      }
      if (binary) {
        const p1 = 1 / (1 + Math.exp(-z[0]))
        out.data[i * K + present[0]] = 1 - p1
        out.data[i * K + present[1]] = p1
        continue
      }
      let max = -Infinity
      for (let c = 0; c < free; c++) if (z[c] > max) max = z[c]
      let sum = 0
      for (let c = 0; c < free; c++) sum += (z[c] = Math.exp(z[c] - max))
      for (let c = 0; c < free; c++) out.data[i * K + present[c]] = z[c] / sum
    }
    return out
  }

  predict(X: Matrix): Float64Array {
    return argmaxRows(this.predictProba(X))
  }

  predictWithProbabilities(X: Matrix): { predicted: Float64Array; probabilities: Matrix } {
    const probabilities = this.predictProba(X)
    return { predicted: argmaxRows(probabilities), probabilities }
  }

  saveState(): LogisticState {
    return { nClasses: this.nClasses, nFeatures: this.nFeatures, present: Array.from(this.present), theta: encodeFloat64(this.theta) }
  }

  loadState(state: LogisticState): this {
    const theta = decodeFloat64(state.theta)
    const free = state.present.length === 2 ? 1 : state.present.length
    if (state.present.length < 2 || theta.length !== free * (state.nFeatures + 1)) {
      throw new Error(`a saved logisticRegression does not hold ${free} weight rows of ${state.nFeatures} features and an intercept`)
    }
    this.nClasses = state.nClasses
    this.nFeatures = state.nFeatures
    this.present = Int32Array.from(state.present)
    this.theta = theta
    return this
  }
}

/** The Design of linalg-wasm.ts in JavaScript, on column-major standardised rows. */
export function jsDesign(X: Matrix, centre: boolean, free: number): Design {
  const { Z, means, scales } = standardised(X, centre)
  const n = X.rows
  const p = X.cols
  const z = new Float64Array(free * n)
  return {
    means, scales, z,
    linear: (theta, k) => linear(Z, n, p, theta, k, z),
    gradient: (theta, k, penalty, intercept, grad) => gradient(Z, n, p, theta, k, z, penalty, intercept, grad),
  }
}

/** Centred (with an intercept) and unit-variance columns, column-major (column j at [j·rows ..]); constant columns keep scale 1. */
function standardised(X: Matrix, centre: boolean): { Z: Float64Array; means: Float64Array; scales: Float64Array } {
  const n = X.rows
  const p = X.cols
  const means = centre ? columnMeans(X) : new Float64Array(p)
  const Z = new Float64Array(n * p)
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) Z[j * n + i] = X.data[i * p + j] - means[j]
  const scales = new Float64Array(p)
  for (let j = 0; j < p; j++) {
    let ss = 0
    for (let i = j * n, end = i + n; i < end; i++) ss += Z[i] * Z[i]
    const s = Math.sqrt(ss / n) || 1
    scales[j] = s
    for (let i = j * n, end = i + n; i < end; i++) Z[i] /= s
  }
  return { Z, means, scales }
}

/** z = Z u_c + c_c for each row, for the `free` weight rows of theta (rows of [u_c, c_c]), into out (free × n). */
function linear(Z: Float64Array, n: number, p: number, theta: Float64Array, free: number, out: Float64Array): void {
  const q = p + 1
  for (let c = 0; c < free; c++) {
    const o = c * n
    out.fill(theta[c * q + p], o, o + n)
    let j = 0
    // four columns per pass over the rows: a quarter of the loads and stores of out
    for (; j + 4 <= p; j += 4) {
      const w0 = theta[c * q + j]
      const w1 = theta[c * q + j + 1]
      const w2 = theta[c * q + j + 2]
      const w3 = theta[c * q + j + 3]
      const z0 = j * n
      const z1 = z0 + n
      const z2 = z1 + n
      const z3 = z2 + n
      for (let i = 0; i < n; i++) out[o + i] += w0 * Z[z0 + i] + w1 * Z[z1 + i] + w2 * Z[z2 + i] + w3 * Z[z3 + i]
    }
    for (; j < p; j++) {
      const w = theta[c * q + j]
      const zo = j * n
      for (let i = 0; i < n; i++) out[o + i] += w * Z[zo + i]
    }
  }
}

/** grad rows [Σ r·Z, Σ r] + penalty·u for residuals r (free × n); returns ½ Σ penalty·u². */
function gradient(Z: Float64Array, n: number, p: number, theta: Float64Array, free: number, r: Float64Array, penalty: Float64Array, intercept: boolean, grad: Float64Array): number {
  const q = p + 1
  let f = 0
  for (let c = 0; c < free; c++) {
    const o = c * n
    let j = 0
    // four columns per pass: each residual loaded once for four independent sums
    for (; j + 4 <= p; j += 4) {
      const z0 = j * n
      const z1 = z0 + n
      const z2 = z1 + n
      const z3 = z2 + n
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let i = 0; i < n; i++) {
        const ri = r[o + i]
        s0 += ri * Z[z0 + i]
        s1 += ri * Z[z1 + i]
        s2 += ri * Z[z2 + i]
        s3 += ri * Z[z3 + i]
      }
      grad[c * q + j] = s0
      grad[c * q + j + 1] = s1
      grad[c * q + j + 2] = s2
      grad[c * q + j + 3] = s3
    }
    for (; j < p; j++) {
      const zo = j * n
      let s = 0
      for (let i = 0; i < n; i++) s += r[o + i] * Z[zo + i]
      grad[c * q + j] = s
    }
    for (j = 0; j < p; j++) {
      const u = theta[c * q + j]
      grad[c * q + j] += penalty[j] * u
      f += 0.5 * penalty[j] * u * u
    }
    let s = 0
    for (let i = 0; i < n; i++) s += r[o + i]
    grad[c * q + p] = intercept ? s : 0
  }
  return f
}

/** Σ log(1 + exp(−s·z)) + ½ Σ penalty·u², s = ±1, z = u·x + c; theta = [u, c]. */
function binaryLoss(design: Design, n: number, labels: Int32Array, penalty: Float64Array, intercept: boolean) {
  const z = design.z
  return (theta: Float64Array, grad: Float64Array): number => {
    design.linear(theta, 1)
    let f = 0
    for (let i = 0; i < n; i++) {
      const sign = labels[i] === 1 ? 1 : -1
      const m = sign * z[i]
      // log(1 + e^−m) and σ(−m) without overflow
      f += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m))
      z[i] = -sign / (1 + Math.exp(m))
    }
    return f + design.gradient(theta, 1, penalty, intercept, grad)
  }
}

/** Σ −log softmax(z)_y + ½ Σ penalty·u², z_c = u_c·x + c_c; theta = K rows of [u_c, c_c]. (Exported for the kernels' test.) */
export function softmaxLoss(design: Design, n: number, labels: Int32Array, K: number, penalty: Float64Array, intercept: boolean) {
  const z = design.z
  return (theta: Float64Array, grad: Float64Array): number => {
    design.linear(theta, K)
    if (design.softmax) return design.softmax(K) + design.gradient(theta, K, penalty, intercept, grad)
    let f = 0
    // Σ log(sum) as the log of running products (each sum is in [1, K]): one log per few hundred rows
    let product = 1
    for (let i = 0; i < n; i++) {
      let top = 0
      for (let c = 1; c < K; c++) if (z[c * n + i] > z[top * n + i]) top = c
      const max = z[top * n + i]
      const label = labels[i]
      f += max - z[label * n + i]
      let sum = 0
      // exp(0) = 1 for the largest: one exp fewer per row, the same values
      for (let c = 0; c < K; c++) sum += (z[c * n + i] = c === top ? 1 : Math.exp(z[c * n + i] - max))
      product *= sum
      if (product > 1e280) {
        f += Math.log(product)
        product = 1
      }
      // residuals: softmax − one-hot
      const inverse = 1 / sum
      for (let c = 0; c < K; c++) z[c * n + i] *= inverse
      z[label * n + i] -= 1
    }
    f += Math.log(product)
    return f + design.gradient(theta, K, penalty, intercept, grad)
  }
}

export const definition: ComponentDefinition = {
  name: 'logisticRegression',
  kind: 'estimator',
  tasks: ['classification'],
  description: 'Logistic regression (multinomial softmax; sigmoid for two classes) with an L2 penalty, solved by L-BFGS',
  params: {
    C: { type: 'number', default: 1.0, min: 0, description: 'Inverse strength of the L2 penalty (must be > 0; smaller is stronger)' },
    maxIter: { type: 'int', default: 100, min: 1, description: 'Maximum L-BFGS iterations' },
    tol: {
      type: 'number',
      default: 1e-8,
      min: 0,
      description: 'Stop when the largest gradient entry of the mean loss is below this',
    },
    fitIntercept: { type: 'boolean', default: true, description: 'Fit an unpenalised intercept per class' },
  },
  check(params, data) {
    if (!((params.C as number) > 0)) return `C must be > 0, got ${String(params.C)}: set logisticRegression.C to a positive number`
    if (data.nClasses < 2) return `the dataset has ${data.nClasses} class: classification needs at least two`
    return undefined
  },
  async create(params: Record<string, ParamValue>) {
    const C = params.C as number
    if (!(C > 0)) throw new Error(`logisticRegression: C must be > 0, got ${C}`)
    return new LogisticRegression(C, params.maxIter as number, params.tol as number, params.fitIntercept as boolean)
  },
  async restore(params, state) {
    return new LogisticRegression(params.C as number, params.maxIter as number, params.tol as number, params.fitIntercept as boolean).loadState(state as LogisticState)
  },
}
