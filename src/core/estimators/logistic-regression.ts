import type { ParamValue } from '../model/types.js'
import { argmaxRows, matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, FitContext } from '../pipeline/types.js'
import { choleskySolve } from './linalg.js'
import { classCount } from './labels.js'

/**
 * L2-penalised logistic regression with an unpenalised intercept, minimising the same objective as
 * sklearn's lbfgs solver: Σ log-loss + ‖W‖² / (2C). More than two classes: multinomial softmax.
 * Two classes: a single sigmoid, as sklearn does for binary problems (a two-class softmax with the
 * penalty on both weight vectors would be a different model).
 *
 * Solved by damped Newton with a backtracking line search, so it converges to the optimum instead of
 * stopping early. The full Hessian has (K·(p+1))² entries: meant for the modest feature counts of
 * padre's datasets, not for thousands of features.
 */
export class LogisticRegression implements Estimator {
  private nClasses = 0
  private nFeatures = 0
  /** Free classes × (nFeatures + 1), the last column the intercept. Binary: one row for class 1 against class 0. */
  private theta: Float64Array = new Float64Array(0)

  constructor(
    private readonly C: number,
    private readonly maxIter: number,
    private readonly tol: number,
    private readonly fitIntercept: boolean,
  ) {}

  fit(X: Matrix, y: Float64Array, ctx: FitContext): void {
    const K = classCount(y, ctx.nClasses)
    if (K < 2) throw new Error('logisticRegression needs at least two classes')
    this.nClasses = K
    this.nFeatures = X.cols
    const free = K === 2 ? 1 : K
    const q = X.cols + 1
    const dim = free * q
    const lambda = 1 / this.C
    let theta: Float64Array = new Float64Array(dim)
    let { f, grad, hess } = this.objective(X, y, theta, lambda, true)
    for (let iter = 0; iter < this.maxIter; iter++) {
      if (maxAbs(grad) <= this.tol * X.rows) break
      const step = this.newtonStep(hess!, grad, dim)
      const slope = grad.reduce((s, g, i) => s + g * step[i], 0)
      let t = 1
      let next: Float64Array | undefined
      let fNext = f
      for (let ls = 0; ls < 50; ls++) {
        const candidate = theta.map((v, i) => v + t * step[i])
        fNext = this.objective(X, y, candidate, lambda, false).f
        if (fNext <= f + 1e-4 * t * slope) {
          next = candidate
          break
        }
        t /= 2
      }
      if (!next) break // no decrease left at machine precision
      theta = next
      ;({ f, grad, hess } = this.objective(X, y, theta, lambda, true))
    }
    this.theta = theta
  }

  /** Solves (H + μI) s = −g, raising μ until H + μI is numerically positive definite (the softmax intercepts share a flat direction). */
  private newtonStep(H: Float64Array, g: Float64Array, dim: number): Float64Array {
    let scale = 0
    for (let i = 0; i < dim; i++) scale = Math.max(scale, H[i * dim + i])
    const neg = g.map((v) => -v)
    for (let mu = 1e-12 * (scale || 1); ; mu *= 10) {
      const A = Float64Array.from(H)
      for (let i = 0; i < dim; i++) A[i * dim + i] += mu
      const s = choleskySolve(A, neg, dim)
      if (s) return s
    }
  }

  /** Logits of the free classes for each row, then probabilities over all K classes. */
  private probabilities(X: Matrix, theta: Float64Array, out: Matrix): void {
    const K = this.nClasses
    const binary = K === 2
    const q = X.cols + 1
    const z = new Float64Array(K)
    for (let i = 0; i < X.rows; i++) {
      z[0] = 0
      for (let c = binary ? 1 : 0; c < K; c++) {
        const o = (binary ? 0 : c) * q
        let s = this.fitIntercept ? theta[o + X.cols] : 0
        for (let j = 0; j < X.cols; j++) s += theta[o + j] * X.data[i * X.cols + j]
        z[c] = s
      }
      let max = -Infinity
      for (let c = 0; c < K; c++) max = Math.max(max, z[c])
      let sum = 0
      for (let c = 0; c < K; c++) sum += Math.exp(z[c] - max)
      for (let c = 0; c < K; c++) out.data[i * K + c] = Math.exp(z[c] - max) / sum
    }
  }

  private objective(X: Matrix, y: Float64Array, theta: Float64Array, lambda: number, derivatives: boolean) {
    const K = this.nClasses
    const binary = K === 2
    const free = binary ? 1 : K
    const p = X.cols
    const q = p + 1
    const dim = free * q
    const P = matrix(X.rows, K)
    this.probabilities(X, theta, P)
    let f = 0
    for (let c = 0; c < free; c++) for (let j = 0; j < p; j++) f += 0.5 * lambda * theta[c * q + j] ** 2
    const grad = new Float64Array(dim)
    const hess = derivatives ? new Float64Array(dim * dim) : undefined
    const xt = new Float64Array(q)
    const r = new Float64Array(free)
    for (let i = 0; i < X.rows; i++) {
      f -= Math.log(Math.max(P.data[i * K + y[i]], Number.MIN_VALUE))
      if (!derivatives) continue
      for (let j = 0; j < p; j++) xt[j] = X.data[i * p + j]
      xt[p] = this.fitIntercept ? 1 : 0
      // free class c corresponds to class c (multinomial) or class 1 (binary)
      for (let c = 0; c < free; c++) {
        const cls = binary ? 1 : c
        r[c] = P.data[i * K + cls] - (y[i] === cls ? 1 : 0)
        for (let j = 0; j < q; j++) grad[c * q + j] += r[c] * xt[j]
      }
      for (let c = 0; c < free; c++) {
        const pc = P.data[i * K + (binary ? 1 : c)]
        for (let d = c; d < free; d++) {
          const pd = P.data[i * K + (binary ? 1 : d)]
          const w = (c === d ? pc : 0) - pc * pd
          if (w === 0) continue
          for (let j = 0; j < q; j++) {
            const wx = w * xt[j]
            const rowOffset = (c * q + j) * dim + d * q
            for (let l = 0; l < q; l++) hess![rowOffset + l] += wx * xt[l]
          }
        }
      }
    }
    if (hess) {
      for (let c = 0; c < free; c++) {
        for (let d = c + 1; d < free; d++) {
          for (let j = 0; j < q; j++) for (let l = 0; l < q; l++) hess[(d * q + l) * dim + c * q + j] = hess[(c * q + j) * dim + d * q + l]
        }
        for (let j = 0; j < p; j++) hess[(c * q + j) * dim + c * q + j] += lambda
      }
    }
    for (let c = 0; c < free; c++) for (let j = 0; j < p; j++) grad[c * q + j] += lambda * theta[c * q + j]
    if (!this.fitIntercept) for (let c = 0; c < free; c++) hess && (hess[(c * q + p) * dim + c * q + p] = 1)
    return { f, grad, hess }
  }

  predictProba(X: Matrix): Matrix {
    if (X.cols !== this.nFeatures) throw new Error(`logisticRegression was fitted on ${this.nFeatures} features, got ${X.cols}`)
    const out = matrix(X.rows, this.nClasses)
    this.probabilities(X, this.theta, out)
    return out
  }

  predict(X: Matrix): Float64Array {
    return argmaxRows(this.predictProba(X))
  }
}

function maxAbs(v: Float64Array): number {
  let m = 0
  for (const x of v) m = Math.max(m, Math.abs(x))
  return m
}

export const definition: ComponentDefinition = {
  name: 'logisticRegression',
  kind: 'estimator',
  tasks: ['classification'],
  description: 'Logistic regression (multinomial softmax; sigmoid for two classes) with an L2 penalty, solved by Newton',
  params: {
    C: { type: 'number', default: 1.0, min: 0, description: 'Inverse strength of the L2 penalty (must be > 0; smaller is stronger)' },
    maxIter: { type: 'int', default: 100, min: 1, description: 'Maximum Newton iterations' },
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
}
