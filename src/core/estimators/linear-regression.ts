import type { ParamValue } from '../model/types.js'
import type { Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, SavesState } from '../pipeline/types.js'
import { decodeLinearState, encodeLinearState, type LinearState } from '../models/state-codec.js'
import { centredColumns, centredNormalEquations, cholesky, choleskySubstitute, columnMeans, leastSquaresColumns, linearPredict, mean } from './linalg.js'
import { kernelNormalEquations } from './linalg-wasm.js'

/**
 * Ordinary least squares like sklearn's LinearRegression: centre X and y, solve, intercept = ȳ − x̄·w.
 * Well-conditioned problems: the normal equations by Cholesky plus one step of iterative refinement
 * (one pass over X each, and cheap before the JIT has warmed up); otherwise (rank-deficient, or the
 * Gram matrix's condition estimate above 1e8) Householder QR, which does not square the condition number.
 */
export class LinearRegression implements Estimator, SavesState {
  private coef: Float64Array = new Float64Array(0)
  private intercept = 0

  constructor(private readonly fitIntercept: boolean) {}

  fit(X: Matrix, y: Float64Array): void {
    const k = kernelNormalEquations(X, y, this.fitIntercept)
    const xMean = k?.means ?? (this.fitIntercept ? columnMeans(X) : new Float64Array(X.cols))
    const yMean = k ? k.yMean : this.fitIntercept ? mean(y) : 0
    const { G, Xty } = k ?? centredNormalEquations(X, xMean, y, yMean)
    const correlate = k ? (w: Float64Array) => k.residualCorrelation(w) : (w: Float64Array) => residualCorrelation(X, xMean, y, yMean, w)
    this.coef = normalEquations(G, Xty, X.cols, correlate) ?? leastSquaresColumns(centredColumns(X, xMean), X.rows, X.cols, y.map((v) => v - yMean))
    this.intercept = yMean - xMean.reduce((s, m, j) => s + m * this.coef[j], 0)
  }

  predict(X: Matrix): Float64Array {
    return linearPredict(X, this.coef, this.intercept)
  }

  saveState(): LinearState {
    return encodeLinearState(this.coef, this.intercept)
  }

  loadState(state: LinearState): this {
    ({ coef: this.coef, intercept: this.intercept } = decodeLinearState(state, 'linearRegression'))
    return this
  }
}

/** Above this estimate of the Gram matrix's condition number, QR instead (1e8: about 8 of 16 digits left before refinement). */
const MAX_GRAM_CONDITION = 1e8

function normalEquations(G: Float64Array, Xty: Float64Array, p: number, correlate: (w: Float64Array) => Float64Array): Float64Array | undefined {
  const L = cholesky(G, p)
  if (!L) return undefined
  // cond(G) ≥ (max Lᵢᵢ / min Lᵢᵢ)²: a lower bound that small pivots (near-collinear columns) drive up
  let lo = Infinity
  let hi = 0
  for (let j = 0; j < p; j++) {
    lo = Math.min(lo, L[j * p + j])
    hi = Math.max(hi, L[j * p + j])
  }
  if (!((hi / lo) ** 2 <= MAX_GRAM_CONDITION)) return undefined
  const w = choleskySubstitute(L, Xty, p)
  // refinement: solve for the correction from the residual's correlation with the columns
  const delta = choleskySubstitute(L, correlate(w), p)
  for (let j = 0; j < p; j++) w[j] += delta[j]
  return w
}

/** Xcᵀ r for the residual r = yc − Xc w, centring on the fly. */
function residualCorrelation(X: Matrix, xMean: Float64Array, y: Float64Array, yMean: number, w: Float64Array): Float64Array {
  const p = X.cols
  const out = new Float64Array(p)
  const row = new Float64Array(p)
  for (let i = 0; i < X.rows; i++) {
    const o = i * p
    let r = y[i] - yMean
    for (let j = 0; j < p; j++) {
      row[j] = X.data[o + j] - xMean[j]
      r -= row[j] * w[j]
    }
    for (let j = 0; j < p; j++) out[j] += row[j] * r
  }
  return out
}

export const definition: ComponentDefinition = {
  name: 'linearRegression',
  kind: 'estimator',
  tasks: ['regression'],
  description: 'Ordinary least squares linear regression',
  params: {
    fitIntercept: { type: 'boolean', default: true, description: 'Fit an intercept (otherwise the line goes through the origin)' },
  },
  async create(params: Record<string, ParamValue>) {
    return new LinearRegression(params.fitIntercept as boolean)
  },
  async restore(params, state) {
    return new LinearRegression(params.fitIntercept as boolean).loadState(state as LinearState)
  },
}
