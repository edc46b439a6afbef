import type { ParamValue } from '../model/types.js'
import { matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, SavesState, Transformer } from '../pipeline/types.js'
import { decodeFloat64, encodeFloat64 } from '../models/state-codec.js'

interface MinMaxState { scales: string; offsets: string }

/** Like sklearn's MinMaxScaler: maps each feature's training [min, max] onto [rangeMin, rangeMax]. */
export class MinMaxScaler implements Transformer, SavesState {
  private scales: Float64Array = new Float64Array(0)
  private offsets: Float64Array = new Float64Array(0)

  constructor(private readonly rangeMin: number, private readonly rangeMax: number, private readonly clip: boolean) {
    if (!(rangeMin < rangeMax)) throw new Error(`minMaxScaler: rangeMin (${rangeMin}) must be below rangeMax (${rangeMax})`)
  }

  fit(X: Matrix): void {
    const lo = new Float64Array(X.cols).fill(Infinity)
    const hi = new Float64Array(X.cols).fill(-Infinity)
    for (let i = 0; i < X.data.length; i++) {
      const j = i % X.cols
      const v = X.data[i]
      if (v < lo[j]) lo[j] = v
      if (v > hi[j]) hi[j] = v
    }
    // the same arithmetic as sklearn: x * scale + (rangeMin − min * scale); a constant column gets scale 1
    this.scales = new Float64Array(X.cols)
    this.offsets = new Float64Array(X.cols)
    for (let j = 0; j < X.cols; j++) {
      const range = hi[j] - lo[j]
      this.scales[j] = (this.rangeMax - this.rangeMin) / (range === 0 ? 1 : range)
      this.offsets[j] = this.rangeMin - lo[j] * this.scales[j]
    }
  }

  transform(X: Matrix): Matrix {
    if (X.cols !== this.scales.length) throw new Error(`minMaxScaler was fitted on ${this.scales.length} features, got ${X.cols}`)
    const out = matrix(X.rows, X.cols)
    for (let i = 0; i < X.data.length; i++) {
      const j = i % X.cols
      let v = X.data[i] * this.scales[j] + this.offsets[j]
      if (this.clip) v = Math.min(this.rangeMax, Math.max(this.rangeMin, v))
      out.data[i] = v
    }
    return out
  }

  saveState(): MinMaxState {
    return { scales: encodeFloat64(this.scales), offsets: encodeFloat64(this.offsets) }
  }

  loadState(state: MinMaxState): this {
    this.scales = decodeFloat64(state.scales)
    this.offsets = decodeFloat64(state.offsets)
    return this
  }
}

export const definition: ComponentDefinition = {
  name: 'minMaxScaler',
  kind: 'transformer',
  tasks: ['classification', 'regression'],
  description: "Rescale each feature linearly so its training range becomes [rangeMin, rangeMax]",
  params: {
    rangeMin: { type: 'number', default: 0, description: 'Lower end of the target range (sklearn feature_range[0])' },
    rangeMax: { type: 'number', default: 1, description: 'Upper end of the target range (sklearn feature_range[1])' },
    clip: { type: 'boolean', default: false, description: 'Clip transformed values of unseen data to the target range' },
  },
  async create(params: Record<string, ParamValue>) {
    return new MinMaxScaler(params.rangeMin as number, params.rangeMax as number, params.clip as boolean)
  },
  async restore(params, state) {
    return new MinMaxScaler(params.rangeMin as number, params.rangeMax as number, params.clip as boolean).loadState(state as MinMaxState)
  },
}
