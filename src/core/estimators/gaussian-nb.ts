import type { ParamValue } from '../model/types.js'
import { argmaxRows, matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, FitContext, SavesState } from '../pipeline/types.js'
import { decodeFloat64, encodeFloat64 } from '../models/state-codec.js'
import { columnVariances } from './linalg.js'
import { classCount } from './labels.js'
import { kernelClassCounts, kernelClassMoments, kernelJointLogLikelihood, kernelNaiveBayes } from './linalg-wasm.js'

interface GaussianNBState { nClasses: number; nFeatures: number; logPriors: string; means: string; vars: string }

/**
 * Gaussian naive Bayes over all features, like sklearn's GaussianNB: per-class means and variances,
 * every variance widened by varSmoothing × the largest feature variance, priors from class frequencies.
 */
export class GaussianNB implements Estimator, SavesState {
  private nClasses = 0
  private nFeatures = 0
  private logPriors: Float64Array = new Float64Array(0)
  /** nClasses × nFeatures. */
  private means: Float64Array = new Float64Array(0)
  private vars: Float64Array = new Float64Array(0)

  constructor(private readonly varSmoothing: number) {}

  fit(X: Matrix, y: Float64Array, ctx: FitContext): void {
    const { K, counts } = kernelClassCounts(y, ctx.nClasses) ?? countClasses(y, ctx.nClasses)
    const p = X.cols
    const { means, squares: vars, columnVariances: columnVars } = kernelClassMoments(X, y, K, counts) ?? classMoments(X, y, K, counts)
    const epsilon = this.varSmoothing * Math.max(0, ...columnVars)
    for (let c = 0; c < K; c++) for (let j = 0; j < p; j++) vars[c * p + j] = vars[c * p + j] / (counts[c] || 1) + epsilon
    this.nClasses = K
    this.nFeatures = p
    this.means = means
    this.vars = vars
    // a class absent from the training rows gets probability 0
    this.logPriors = counts.map((n) => Math.log(n / X.rows))
  }

  /** log P(c) + the Gaussian densities' normalising terms, per class. */
  private bias(X: Matrix): Float64Array {
    if (X.cols !== this.nFeatures) throw new Error(`gaussianNB was fitted on ${this.nFeatures} features, got ${X.cols}`)
    const p = this.nFeatures
    const K = this.nClasses
    const logNorm = new Float64Array(K)
    for (let c = 0; c < K; c++) for (let j = 0; j < p; j++) logNorm[c] -= 0.5 * Math.log(2 * Math.PI * this.vars[c * p + j])
    return this.logPriors.map((l, c) => l + logNorm[c])
  }

  /** Joint log-likelihood log P(c) + log P(x | c), rows × nClasses. */
  private jointLogLikelihood(X: Matrix, bias = this.bias(X)): Matrix {
    const p = this.nFeatures
    const K = this.nClasses
    const kernel = kernelJointLogLikelihood(X, K, this.means, this.vars, bias)
    if (kernel) return matrix(X.rows, K, kernel)
    const out = matrix(X.rows, K)
    for (let i = 0; i < X.rows; i++) {
      for (let c = 0; c < K; c++) {
        let s = 0
        for (let j = 0; j < p; j++) s += (X.data[i * p + j] - this.means[c * p + j]) ** 2 / this.vars[c * p + j]
        out.data[i * K + c] = bias[c] - 0.5 * s
      }
    }
    return out
  }

  predict(X: Matrix): Float64Array {
    return argmaxRows(this.jointLogLikelihood(X))
  }

  predictProba(X: Matrix): Matrix {
    return this.predictWithProbabilities(X).probabilities
  }

  /** Predictions (argmax of the joint log-likelihood) and probabilities from one pass over X. */
  predictWithProbabilities(X: Matrix): { predicted: Float64Array; probabilities: Matrix } {
    const bias = this.bias(X)
    const kernel = kernelNaiveBayes(X, this.nClasses, this.means, this.vars, bias)
    if (kernel) return { predicted: kernel.predicted, probabilities: matrix(X.rows, this.nClasses, kernel.probabilities) }
    const out = this.jointLogLikelihood(X, bias)
    const predicted = argmaxRows(out)
    normaliseRows(out)
    return { predicted, probabilities: out }
  }

  saveState(): GaussianNBState {
    return {
      nClasses: this.nClasses,
      nFeatures: this.nFeatures,
      logPriors: encodeFloat64(this.logPriors),
      means: encodeFloat64(this.means),
      vars: encodeFloat64(this.vars),
    }
  }

  loadState(state: GaussianNBState): this {
    this.nClasses = state.nClasses
    this.nFeatures = state.nFeatures
    this.logPriors = decodeFloat64(state.logPriors)
    this.means = decodeFloat64(state.means)
    this.vars = decodeFloat64(state.vars)
    const cells = state.nClasses * state.nFeatures
    if (this.logPriors.length !== state.nClasses || this.means.length !== cells || this.vars.length !== cells) {
      throw new Error(`a saved gaussianNB does not hold ${state.nClasses} classes × ${state.nFeatures} features`)
    }
    return this
  }
}

/** The JavaScript loop of kernelClassCounts: the number of classes (a clear error on bad labels) and each one's rows. */
export function countClasses(y: Float64Array, nClasses: number): { K: number; counts: Float64Array } {
  const K = classCount(y, nClasses)
  const counts = new Float64Array(K)
  for (let i = 0; i < y.length; i++) counts[y[i]]++
  return { K, counts }
}

/** Joint log-likelihoods → probabilities in place, exp(v − logSumExp) per row: the JavaScript loop of kernelNaiveBayes. */
export function normaliseRows(out: Matrix): void {
  const K = out.cols
  for (let i = 0; i < out.rows; i++) {
    const o = i * K
    let max = -Infinity
    for (let c = 0; c < K; c++) if (out.data[o + c] > max) max = out.data[o + c]
    let sum = 0
    for (let c = 0; c < K; c++) sum += Math.exp(out.data[o + c] - max)
    const logSum = max + Math.log(sum)
    for (let c = 0; c < K; c++) out.data[o + c] = Math.exp(out.data[o + c] - logSum)
  }
}

/** The JavaScript loops of kernelClassMoments: per-class means and sums of squares about them, the columns' variances. */
export function classMoments(X: Matrix, y: Float64Array, K: number, counts: Float64Array): { means: Float64Array; squares: Float64Array; columnVariances: Float64Array } {
  const p = X.cols
  const means = new Float64Array(K * p)
  for (let i = 0; i < X.rows; i++) {
    const c = y[i]
    for (let j = 0; j < p; j++) means[c * p + j] += X.data[i * p + j]
  }
  for (let c = 0; c < K; c++) for (let j = 0; j < p; j++) means[c * p + j] /= counts[c] || 1
  const squares = new Float64Array(K * p)
  for (let i = 0; i < X.rows; i++) {
    const c = y[i]
    for (let j = 0; j < p; j++) squares[c * p + j] += (X.data[i * p + j] - means[c * p + j]) ** 2
  }
  return { means, squares, columnVariances: columnVariances(X) }
}

export const definition: ComponentDefinition = {
  name: 'gaussianNB',
  kind: 'estimator',
  tasks: ['classification'],
  description: 'Gaussian naive Bayes: each feature normally distributed within each class, features independent',
  params: {
    varSmoothing: {
      type: 'number',
      default: 1e-9,
      min: 0,
      description: 'Share of the largest feature variance added to every variance, for numerical stability',
    },
  },
  async create(params: Record<string, ParamValue>) {
    return new GaussianNB(params.varSmoothing as number)
  },
  async restore(params, state) {
    return new GaussianNB(params.varSmoothing as number).loadState(state as GaussianNBState)
  },
}
