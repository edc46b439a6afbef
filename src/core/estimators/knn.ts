import type { ParamValue } from '../model/types.js'
import { argmaxRows, matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, FitContext } from '../pipeline/types.js'
import type { Task } from '../model/types.js'
import { classCount } from './labels.js'

type Weights = 'uniform' | 'distance'

/**
 * k nearest neighbours (euclidean, exhaustive search) for classification and regression.
 *
 * Ties in neighbour distance break by training-row index: among equally distant rows the earlier
 * one is the nearer neighbour. sklearn's neighbour order for exact ties is an artefact of its
 * search (kd-tree / ball-tree heap or argpartition), so on rows where the k-th and (k+1)-th
 * distances tie the two can pick different neighbours; everywhere else they agree.
 * Ties in the vote go to the smallest class index, as in sklearn.
 * With weights 'distance', a query that coincides with training rows uses only those rows
 * (sklearn's rule for zero distances).
 */
export class KNN implements Estimator {
  private X: Matrix = matrix(0, 0)
  private y: Float64Array = new Float64Array(0)
  private task: Task = 'classification'
  private nClasses = 0

  constructor(private readonly k: number, private readonly weights: Weights) {}

  fit(X: Matrix, y: Float64Array, ctx: FitContext): void {
    if (this.k > X.rows) throw new Error(`knn: k=${this.k} is more than the ${X.rows} training rows`)
    this.X = X
    this.y = y
    this.task = ctx.task
    this.nClasses = ctx.task === 'classification' ? classCount(y, ctx.nClasses) : 0
  }

  /** Indices and distances of the k nearest training rows, nearest first. */
  private neighbours(q: Float64Array): { index: Int32Array; distance: Float64Array } {
    const { k } = this
    const { rows, cols, data } = this.X
    const index = new Int32Array(k).fill(-1)
    const dist2 = new Float64Array(k).fill(Infinity)
    for (let i = 0; i < rows; i++) {
      let d = 0
      for (let j = 0; j < cols; j++) {
        const t = data[i * cols + j] - q[j]
        d += t * t
      }
      // strict < keeps the earlier training row ahead on equal distances
      if (!(d < dist2[k - 1])) continue
      let pos = k - 1
      while (pos > 0 && d < dist2[pos - 1]) {
        dist2[pos] = dist2[pos - 1]
        index[pos] = index[pos - 1]
        pos--
      }
      dist2[pos] = d
      index[pos] = i
    }
    return { index, distance: dist2.map(Math.sqrt) }
  }

  private neighbourWeights(distance: Float64Array): Float64Array {
    if (this.weights === 'uniform') return new Float64Array(distance.length).fill(1)
    if (distance.some((d) => d === 0)) return distance.map((d) => (d === 0 ? 1 : 0))
    return distance.map((d) => 1 / d)
  }

  private checkWidth(X: Matrix): void {
    if (X.cols !== this.X.cols) throw new Error(`knn was fitted on ${this.X.cols} features, got ${X.cols}`)
  }

  predictProba(X: Matrix): Matrix {
    if (this.task !== 'classification') throw new Error('knn: predictProba is for classification only')
    this.checkWidth(X)
    const K = this.nClasses
    const out = matrix(X.rows, K)
    for (let i = 0; i < X.rows; i++) {
      const { index, distance } = this.neighbours(X.data.subarray(i * X.cols, (i + 1) * X.cols))
      const w = this.neighbourWeights(distance)
      let total = 0
      for (let n = 0; n < index.length; n++) {
        out.data[i * K + this.y[index[n]]] += w[n]
        total += w[n]
      }
      for (let c = 0; c < K; c++) out.data[i * K + c] /= total
    }
    return out
  }

  predict(X: Matrix): Float64Array {
    this.checkWidth(X)
    if (this.task === 'classification') return argmaxRows(this.predictProba(X))
    const out = new Float64Array(X.rows)
    for (let i = 0; i < X.rows; i++) {
      const { index, distance } = this.neighbours(X.data.subarray(i * X.cols, (i + 1) * X.cols))
      const w = this.neighbourWeights(distance)
      let s = 0
      let total = 0
      for (let n = 0; n < index.length; n++) {
        s += w[n] * this.y[index[n]]
        total += w[n]
      }
      out[i] = s / total
    }
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
}
