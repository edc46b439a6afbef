import type { ParamValue } from '../model/types.js'
import type { Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator } from '../pipeline/types.js'
import { centredColumns, columnMeans, leastSquaresColumns, linearPredict, mean } from './linalg.js'

/**
 * Ordinary least squares like sklearn's LinearRegression: centre X and y, solve by Householder QR
 * (no normal equations, so no squared condition number), intercept = ȳ − x̄·w.
 */
export class LinearRegression implements Estimator {
  private coef: Float64Array = new Float64Array(0)
  private intercept = 0

  constructor(private readonly fitIntercept: boolean) {}

  fit(X: Matrix, y: Float64Array): void {
    const xMean = this.fitIntercept ? columnMeans(X) : new Float64Array(X.cols)
    const yMean = this.fitIntercept ? mean(y) : 0
    this.coef = leastSquaresColumns(centredColumns(X, xMean), X.rows, X.cols, y.map((v) => v - yMean))
    this.intercept = yMean - xMean.reduce((s, m, j) => s + m * this.coef[j], 0)
  }

  predict(X: Matrix): Float64Array {
    return linearPredict(X, this.coef, this.intercept)
  }
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
}
