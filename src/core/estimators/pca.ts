import type { ParamValue } from '../model/types.js'
import { matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, SavesState, Transformer } from '../pipeline/types.js'
import { decodeFloat64, decodeMatrix, encodeFloat64, encodeMatrix, type EncodedMatrix } from '../models/state-codec.js'
import { centred, columnMeans, gram, symmetricEigen } from './linalg.js'
import { kernelCentred } from './linalg-wasm.js'

interface PcaState { means: string; components: EncodedMatrix }

/**
 * Principal component analysis: centre, eigen-decompose XᵀX, project onto the leading components.
 * Signs follow sklearn 1.2's svd_flip(u_based_decision=True): in each component the training row
 * with the largest absolute score gets a positive score.
 */
export class PCA implements Transformer, SavesState {
  private means: Float64Array = new Float64Array(0)
  /** nComponents × nFeatures, row-major. */
  private components: Float64Array = new Float64Array(0)
  private k = 0
  private fitted: { X: Matrix; scores: Matrix } | undefined

  constructor(private readonly nComponents: number | null) {}

  fit(X: Matrix): void {
    const p = X.cols
    const limit = Math.min(X.rows, p)
    const k = this.nComponents ?? limit
    if (k > limit) throw new Error(`pca: nComponents=${k} must be at most min(rows, features) = ${limit}`)
    const kc = kernelCentred(X)
    this.means = kc?.means ?? columnMeans(X)
    const Xc = kc ? undefined : centred(X, this.means)
    const { vectors } = symmetricEigen(kc?.G ?? gram(Xc!), p)
    this.k = k
    this.components = new Float64Array(k * p)
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < p; j++) this.components[c * p + j] = vectors[j * p + c]
    }
    if (kc) {
      const { scores, flipped } = kc.projectSigned(this.components, k)
      flipped.forEach((flip, c) => {
        if (flip) for (let j = 0; j < p; j++) this.components[c * p + j] *= -1
      })
      this.fitted = { X, scores: matrix(X.rows, k, scores) }
      return
    }
    const scores = this.project(Xc!)
    for (let c = 0; c < k; c++) {
      let best = 0
      let bestAbs = -1
      for (let i = 0; i < X.rows; i++) {
        const a = Math.abs(scores.data[i * k + c])
        if (a > bestAbs) {
          bestAbs = a
          best = i
        }
      }
      if (scores.data[best * k + c] < 0) {
        for (let j = 0; j < p; j++) this.components[c * p + j] *= -1
        for (let i = 0; i < X.rows; i++) scores.data[i * k + c] = -scores.data[i * k + c]
      }
    }
    this.fitted = { X, scores }
  }

  transform(X: Matrix): Matrix {
    if (X.cols !== this.means.length) throw new Error(`pca was fitted on ${this.means.length} features, got ${X.cols}`)
    // a pipeline transforms its training rows right after fit: hand over the scores fit computed (negating is exact)
    if (this.fitted?.X === X) {
      const { scores } = this.fitted
      this.fitted = undefined
      return scores
    }
    const kc = kernelCentred(X, this.means, false)
    return kc ? matrix(X.rows, this.k, kc.project(this.components, this.k)) : this.project(centred(X, this.means))
  }

  private project(Xc: Matrix): Matrix {
    const p = Xc.cols
    const out = matrix(Xc.rows, this.k)
    for (let i = 0; i < Xc.rows; i++) {
      for (let c = 0; c < this.k; c++) {
        let s = 0
        for (let j = 0; j < p; j++) s += Xc.data[i * p + j] * this.components[c * p + j]
        out.data[i * this.k + c] = s
      }
    }
    return out
  }

  saveState(): PcaState {
    return { means: encodeFloat64(this.means), components: encodeMatrix({ rows: this.k, cols: this.means.length, data: this.components }) }
  }

  loadState(state: PcaState): this {
    const components = decodeMatrix(state.components)
    this.means = decodeFloat64(state.means)
    if (components.cols !== this.means.length) throw new Error(`a saved pca has ${components.cols}-feature components but ${this.means.length} means`)
    this.k = components.rows
    this.components = components.data
    this.fitted = undefined
    return this
  }
}

export const definition: ComponentDefinition = {
  name: 'pca',
  kind: 'transformer',
  tasks: ['classification', 'regression'],
  description: 'Principal component analysis: project centred features onto the directions of largest variance',
  params: {
    nComponents: {
      type: 'int',
      default: null,
      nullable: true,
      min: 1,
      description: 'Number of components to keep; null keeps min(rows, features)',
    },
  },
  check(params, data) {
    const k = params.nComponents as number | null
    const limit = Math.min(data.nTrain, data.nFeatures)
    if (k !== null && k > limit) return `nComponents=${k} is more than min(training rows, features) = ${limit}: lower pca.nComponents to at most ${limit}`
    return undefined
  },
  async create(params: Record<string, ParamValue>) {
    return new PCA(params.nComponents as number | null)
  },
  async restore(params, state) {
    return new PCA(params.nComponents as number | null).loadState(state as PcaState)
  },
}
