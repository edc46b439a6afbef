import type { ParamValue } from '../model/types.js'
import { argmaxRows, matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, FitContext } from '../pipeline/types.js'
import { lbfgs } from './lbfgs.js'
import { columnMeans } from './linalg.js'
import { classCount } from './labels.js'

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
export class LogisticRegression implements Estimator {
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
    const { Z, means, scales } = standardised(X, this.fitIntercept)
    const penalty = new Float64Array(p).map((_, j) => 1 / (this.C * scales[j] * scales[j]))
    const loss = present.length === 2 ? binaryLoss(Z, labels, penalty, this.fitIntercept) : softmaxLoss(Z, labels, free, penalty, this.fitIntercept)
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
    const z = new Float64Array(free)
    for (let i = 0; i < X.rows; i++) {
      const o = i * p
      for (let c = 0; c < free; c++) {
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
}

/** Centred (with an intercept) and unit-variance columns; constant columns keep scale 1. */
function standardised(X: Matrix, centre: boolean): { Z: Matrix; means: Float64Array; scales: Float64Array } {
  const p = X.cols
  const means = centre ? columnMeans(X) : new Float64Array(p)
  const scales = new Float64Array(p)
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < p; j++) scales[j] += (X.data[i * p + j] - means[j]) ** 2
  for (let j = 0; j < p; j++) scales[j] = Math.sqrt(scales[j] / X.rows) || 1
  const Z = matrix(X.rows, p)
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < p; j++) Z.data[i * p + j] = (X.data[i * p + j] - means[j]) / scales[j]
  return { Z, means, scales }
}

/** Σ log(1 + exp(−s·z)) + ½ Σ penalty·u², s = ±1, z = u·x + c; theta = [u, c]. */
function binaryLoss(Z: Matrix, labels: Int32Array, penalty: Float64Array, intercept: boolean) {
  const p = Z.cols
  const data = Z.data
  return (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0)
    let f = 0
    for (let i = 0; i < Z.rows; i++) {
      const o = i * p
      let z = theta[p]
      for (let j = 0; j < p; j++) z += theta[j] * data[o + j]
      const sign = labels[i] === 1 ? 1 : -1
      const m = sign * z
      // log(1 + e^−m) and σ(−m) without overflow
      f += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m))
      const r = -sign / (1 + Math.exp(m))
      for (let j = 0; j < p; j++) grad[j] += r * data[o + j]
      grad[p] += r
    }
    for (let j = 0; j < p; j++) {
      f += 0.5 * penalty[j] * theta[j] * theta[j]
      grad[j] += penalty[j] * theta[j]
    }
    if (!intercept) grad[p] = 0
    return f
  }
}

/** Σ −log softmax(z)_y + ½ Σ penalty·u², z_c = u_c·x + c_c; theta = K rows of [u_c, c_c]. */
function softmaxLoss(Z: Matrix, labels: Int32Array, K: number, penalty: Float64Array, intercept: boolean) {
  const p = Z.cols
  const q = p + 1
  const data = Z.data
  const z = new Float64Array(K)
  return (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0)
    let f = 0
    for (let i = 0; i < Z.rows; i++) {
      const o = i * p
      let max = -Infinity
      for (let c = 0; c < K; c++) {
        let s = theta[c * q + p]
        for (let j = 0; j < p; j++) s += theta[c * q + j] * data[o + j]
        z[c] = s
        if (s > max) max = s
      }
      const label = labels[i]
      f += max - z[label]
      let sum = 0
      for (let c = 0; c < K; c++) sum += (z[c] = Math.exp(z[c] - max))
      f += Math.log(sum)
      z[label] -= sum
      for (let c = 0; c < K; c++) {
        const r = z[c] / sum
        const g = c * q
        for (let j = 0; j < p; j++) grad[g + j] += r * data[o + j]
        grad[g + p] += r
      }
    }
    for (let c = 0; c < K; c++) {
      for (let j = 0; j < p; j++) {
        const u = theta[c * q + j]
        f += 0.5 * penalty[j] * u * u
        grad[c * q + j] += penalty[j] * u
      }
      if (!intercept) grad[c * q + p] = 0
    }
    return f
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
  async create(params: Record<string, ParamValue>) {
    const C = params.C as number
    if (!(C > 0)) throw new Error(`logisticRegression: C must be > 0, got ${C}`)
    return new LogisticRegression(C, params.maxIter as number, params.tol as number, params.fitIntercept as boolean)
  },
}
