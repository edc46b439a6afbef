import type { ParamValue } from '../model/types.js'
import { matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, SavesState, Transformer } from '../pipeline/types.js'
import { decodeFloat64, encodeFloat64 } from '../models/state-codec.js'
import { columnMeans, columnVariances } from './linalg.js'
import { kernelColumnMoments, kernelStandardise } from './linalg-wasm.js'

/** Like sklearn's StandardScaler: (x − mean) / std with the population std; a constant column keeps scale 1. */
interface ScalerState { means: string; scales: string }

export class StandardScaler implements Transformer, SavesState {
  private means: Float64Array = new Float64Array(0)
  private scales: Float64Array = new Float64Array(0)

  constructor(private readonly withMean: boolean, private readonly withStd: boolean) {}

  fit(X: Matrix): void {
    const moments = this.withMean || this.withStd ? kernelColumnMoments(X) : undefined
    this.means = moments?.means ?? (this.withMean || this.withStd ? columnMeans(X) : new Float64Array(X.cols))
    const vars = moments?.variances ?? columnVariances(X, this.means)
    this.scales = vars.map((v) => (this.withStd && v > 0 ? Math.sqrt(v) : 1))
    if (!this.withMean) this.means = new Float64Array(X.cols)
  }

  saveState(): ScalerState {
    return { means: encodeFloat64(this.means), scales: encodeFloat64(this.scales) }
  }

  loadState(state: ScalerState): this {
    this.means = decodeFloat64(state.means)
    this.scales = decodeFloat64(state.scales)
    return this
  }

  transform(X: Matrix): Matrix {
    if (X.cols !== this.means.length) throw new Error(`standardScaler was fitted on ${this.means.length} features, got ${X.cols}`)
    const kernel = kernelStandardise(X, this.means, this.scales)
    if (kernel) return matrix(X.rows, X.cols, kernel)
    const out = matrix(X.rows, X.cols)
    for (let i = 0; i < X.data.length; i++) {
      const j = i % X.cols
      out.data[i] = (X.data[i] - this.means[j]) / this.scales[j]
    }
    return out
  }
}

export const definition: ComponentDefinition = {
  name: 'standardScaler',
  kind: 'transformer',
  tasks: ['classification', 'regression'],
  description: 'Standardise features: subtract the mean, divide by the (population) standard deviation',
  params: {
    withMean: { type: 'boolean', default: true, description: 'Centre each feature on its training mean' },
    withStd: { type: 'boolean', default: true, description: 'Divide each feature by its training standard deviation (constant features are left unscaled)' },
  },
  async create(params: Record<string, ParamValue>) {
    return new StandardScaler(params.withMean as boolean, params.withStd as boolean)
  },
  async restore(params, state) {
    return new StandardScaler(params.withMean as boolean, params.withStd as boolean).loadState(state as ScalerState)
  },
}
