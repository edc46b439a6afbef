import type { ParamValue } from '../model/types.js'
import type { Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, SavesState } from '../pipeline/types.js'
import { decodeLinearState, encodeLinearState, type LinearState } from '../models/state-codec.js'
import { centred, centredNormalEquations, choleskySolve, columnMeans, leastSquares, linearPredict, mean } from './linalg.js'
import { kernelNormalEquations } from './linalg-wasm.js'

/**
 * L2-penalised least squares like sklearn's Ridge (cholesky solver): the data are centred so the
 * intercept is not penalised, then (XᵀX + αI) w = Xᵀy.
 */
export class Ridge implements Estimator, SavesState {
  private coef: Float64Array = new Float64Array(0)
  private intercept = 0

  constructor(private readonly alpha: number, private readonly fitIntercept: boolean) {}

  fit(X: Matrix, y: Float64Array): void {
    const k = kernelNormalEquations(X, y, this.fitIntercept)
    const xMean = k?.means ?? (this.fitIntercept ? columnMeans(X) : new Float64Array(X.cols))
    const yMean = k ? k.yMean : this.fitIntercept ? mean(y) : 0
    const { G: A, Xty } = k ?? centredNormalEquations(X, xMean, y, yMean)
    for (let j = 0; j < X.cols; j++) A[j * X.cols + j] += this.alpha
    // alpha = 0 on rank-deficient data is singular: fall back to least squares like sklearn does
    this.coef = choleskySolve(A, Xty, X.cols) ?? leastSquares(centred(X, xMean), y.map((v) => v - yMean))
    this.intercept = yMean - xMean.reduce((s, m, j) => s + m * this.coef[j], 0)
  }

  predict(X: Matrix): Float64Array {
    return linearPredict(X, this.coef, this.intercept)
  }

  saveState(): LinearState {
    return encodeLinearState(this.coef, this.intercept)
  }

  loadState(state: LinearState): this {
    ({ coef: this.coef, intercept: this.intercept } = decodeLinearState(state, 'ridge'))
    return this
  }
}

export const definition: ComponentDefinition = {
  name: 'ridge',
  kind: 'estimator',
  tasks: ['regression'],
  description: 'Ridge regression: least squares with an L2 penalty on the coefficients (not the intercept)',
  params: {
    alpha: { type: 'number', default: 1.0, min: 0, description: 'Strength of the L2 penalty; 0 is ordinary least squares' },
    fitIntercept: { type: 'boolean', default: true, description: 'Fit an unpenalised intercept' },
  },
  async create(params: Record<string, ParamValue>) {
    return new Ridge(params.alpha as number, params.fitIntercept as boolean)
  },
  async restore(params, state) {
    return new Ridge(params.alpha as number, params.fitIntercept as boolean).loadState(state as LinearState)
  },
}
