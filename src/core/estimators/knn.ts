import type { ParamValue } from '../model/types.js'
import { matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, FitContext, SavesState } from '../pipeline/types.js'
import { decodeFloat64, decodeMatrix, encodeFloat64, encodeMatrix, type EncodedMatrix } from '../models/state-codec.js'
import type { Task } from '../model/types.js'
import { KdTree } from './kd-tree.js'
import { insertNeighbour } from './neighbours.js'
import { WasmScan } from './knn-wasm.js'
import { classCount } from './labels.js'

type Weights = 'uniform' | 'distance'

const TREE_MAX_FEATURES = 10

/**
 * k nearest neighbours (euclidean, exact search: a k-d tree or a blocked scan) for classification and regression.
 *
 * Ties in neighbour distance break by training-row index: among equally distant rows the earlier
 * one is the nearer neighbour. sklearn's neighbour order for exact ties is an artefact of its
 * search (kd-tree / ball-tree heap or argpartition), so on rows where the k-th and (k+1)-th
 * distances tie the two can pick different neighbours; everywhere else they agree.
 * Ties in the vote go to the smallest class index, as in sklearn.
 * With weights 'distance', a query that coincides with training rows uses only those rows
 * (sklearn's rule for zero distances).
 */
interface KnnState { X: EncodedMatrix; y: string; task: Task; nClasses: number }

export class KNN implements Estimator, SavesState {
  private X: Matrix = matrix(0, 0)
  private y: Float64Array = new Float64Array(0)
  private task: Task = 'classification'
  private nClasses = 0
  /** Built on the first prediction. */
  private tree: KdTree | undefined
  /** The WebAssembly scan of these training rows (undefined where it is unavailable), built on the first prediction. */
  private wasm: { X: Matrix; scan: WasmScan | undefined } | undefined

  constructor(private readonly k: number, private readonly weights: Weights) {}

  fit(X: Matrix, y: Float64Array, ctx: FitContext): void {
    if (this.k > X.rows) throw new Error(`knn: k=${this.k} is more than the ${X.rows} training rows`)
    this.X = X
    this.y = y
    this.tree = undefined
    this.task = ctx.task
    this.nClasses = ctx.task === 'classification' ? classCount(y, ctx.nClasses) : 0
  }

  saveState(): KnnState {
    return { X: encodeMatrix(this.X), y: encodeFloat64(this.y), task: this.task, nClasses: this.nClasses }
  }

  loadState(state: KnnState): this {
    this.X = decodeMatrix(state.X)
    this.y = decodeFloat64(state.y)
    this.task = state.task
    this.nClasses = state.nClasses
    this.tree = undefined
    return this
  }

  /**
   * For a block of queries (rows from..to of Q), the k nearest training rows, nearest first, into
   * index/dist2 at (query − from) · k. The block walks each training row once for all its queries.
   * A distance stops accumulating once it cannot beat the current k-th (partial sums of squares only
   * grow, so the result is exactly that of the full sums).
   */
  private searchBlock(Q: Matrix, from: number, to: number, index: Int32Array, dist2: Float64Array): void {
    const { k } = this
    const { rows, cols, data } = this.X
    const q = Q.data
    index.fill(-1)
    dist2.fill(Infinity)
    for (let i = 0; i < rows; i++) {
      const o = i * cols
      for (let b = from; b < to; b++) {
        const base = (b - from) * k
        const bound = dist2[base + k - 1]
        const qo = b * cols
        let d = 0
        let j = 0
        for (; j + 4 <= cols; j += 4) {
          const t0 = data[o + j] - q[qo + j]
          const t1 = data[o + j + 1] - q[qo + j + 1]
          const t2 = data[o + j + 2] - q[qo + j + 2]
          const t3 = data[o + j + 3] - q[qo + j + 3]
          d = d + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3
          if (!(d < bound)) break
        }
        if (!(d < bound)) continue
        for (; j < cols; j++) {
          const t = data[o + j] - q[qo + j]
          d += t * t
        }
        insertNeighbour(dist2, index, base, k, d, i)
      }
    }
  }

  /**
   * Calls visit(query row, neighbour indices, neighbour weights) for every row of Q. Up to
   * TREE_MAX_FEATURES features a k-d tree prunes well; beyond, its boxes prune too little to pay for
   * themselves and a blocked scan is faster (bench/estimators.mjs): in WebAssembly SIMD where available,
   * else in JavaScript. All three return the same neighbours.
   */
  private forEachQuery(Q: Matrix, visit: (row: number, index: Int32Array, weight: Float64Array) => void): void {
    if (Q.cols !== this.X.cols) throw new Error(`knn was fitted on ${this.X.cols} features, got ${Q.cols}`)
    const { k } = this
    const weight = new Float64Array(k)
    if (Q.cols <= TREE_MAX_FEATURES) {
      this.tree ??= new KdTree(this.X)
      const index = new Int32Array(k)
      const dist2 = new Float64Array(k)
      for (let i = 0; i < Q.rows; i++) {
        this.tree.search(Q.data, i * Q.cols, k, index, dist2)
        this.neighbourWeights(dist2, weight)
        visit(i, index, weight)
      }
      return
    }
    if (this.wasm?.X !== this.X) this.wasm = { X: this.X, scan: WasmScan.create(this.X) }
    const { scan } = this.wasm
    const block = WasmScan.block
    const index = new Int32Array(block * k)
    const dist2 = new Float64Array(block * k)
    for (let from = 0; from < Q.rows; from += block) {
      const to = Math.min(Q.rows, from + block)
      if (scan) scan.searchBlock(Q, from, to, k, index, dist2)
      else this.searchBlock(Q, from, to, index, dist2)
      for (let b = from; b < to; b++) {
        const base = (b - from) * k
        this.neighbourWeights(dist2.subarray(base, base + k), weight)
        visit(b, index.subarray(base, base + k), weight)
      }
    }
  }

  /** 1 each (uniform) or 1/distance; a query on training rows uses only those (sklearn's rule for zero distances). */
  private neighbourWeights(dist2: Float64Array, out: Float64Array): void {
    if (this.weights === 'uniform') {
      out.fill(1)
      return
    }
    const exact = dist2.some((d) => d === 0)
    for (let n = 0; n < dist2.length; n++) out[n] = exact ? (dist2[n] === 0 ? 1 : 0) : 1 / Math.sqrt(dist2[n])
  }

  /** Class probabilities and their argmax (the first class on ties) from one neighbour search. */
  predictWithProbabilities(X: Matrix): { predicted: Float64Array; probabilities: Matrix } {
    if (this.task !== 'classification') throw new Error('knn: probabilities are for classification only')
    const K = this.nClasses
    const out = matrix(X.rows, K)
    const predicted = new Float64Array(X.rows)
    const y = this.y
    this.forEachQuery(X, (i, index, w) => {
      const o = i * K
      let total = 0
      for (let n = 0; n < index.length; n++) {
        out.data[o + y[index[n]]] += w[n]
        total += w[n]
      }
      let best = 0
      for (let c = 0; c < K; c++) {
        out.data[o + c] /= total
        if (out.data[o + c] > out.data[o + best]) best = c
      }
      predicted[i] = best
    })
    return { predicted, probabilities: out }
  }

  predictProba(X: Matrix): Matrix {
    return this.predictWithProbabilities(X).probabilities
  }

  predict(X: Matrix): Float64Array {
    if (this.task === 'classification') return this.predictWithProbabilities(X).predicted
    const out = new Float64Array(X.rows)
    const y = this.y
    this.forEachQuery(X, (i, index, w) => {
      let s = 0
      let total = 0
      for (let n = 0; n < index.length; n++) {
        s += w[n] * y[index[n]]
        total += w[n]
      }
      out[i] = s / total
    })
    return out
  }
}

export const definition: ComponentDefinition = {
  name: 'knn',
  kind: 'estimator',
  tasks: ['classification', 'regression'],
  description: 'k nearest neighbours (euclidean): majority vote for classification, mean for regression',
  params: {
    k: { type: 'int', default: 5, min: 1, description: 'Number of neighbours (sklearn n_neighbors)' },
    weights: {
      type: 'enum',
      default: 'uniform',
      values: ['uniform', 'distance'],
      description: "'uniform': every neighbour counts the same; 'distance': neighbours weighted by 1/distance",
    },
  },
  check(params, data) {
    const k = params.k as number
    if (k > data.nTrain) return `k=${k} is more than the ${data.nTrain} training rows of the smallest split: lower --param knn.k to at most ${data.nTrain}`
    return undefined
  },
  async create(params: Record<string, ParamValue>) {
    return new KNN(params.k as number, params.weights as Weights)
  },
  async restore(params, state) {
    return new KNN(params.k as number, params.weights as Weights).loadState(state as KnnState)
  },
}
