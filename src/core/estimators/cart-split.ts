import type { Matrix } from '../pipeline/matrix.js'
import { randomInt, type Random } from '../random.js'
import { sortPairs } from './sort-pairs.js'

export type Criterion = 'gini' | 'entropy' | 'squared_error'

/** Values closer than this count as equal, so no threshold falls between them (as in scikit-learn). */
const FEATURE_THRESHOLD = 1e-7

export interface SplitRules {
  criterion: Criterion
  /** classification: number of classes; regression: 0. */
  nClasses: number
  minSamplesLeaf: number
  /** Non-constant features to examine per node, 1..cols. */
  maxFeatures: number
}

export interface Split {
  feature: number
  threshold: number
  /** samples[start, pos) go left after partitioning. */
  pos: number
}

const xlogx = (x: number): number => (x > 0 ? x * Math.log(x) : 0)

/**
 * Best-split search of CART over one node's samples (a slice of `samples`, reordered in place).
 * Each examined feature is sorted over the node; one pass then moves samples left one by one,
 * updating the criterion's sufficient statistics in O(1), and scores every midpoint threshold.
 * Call nodeStats() on a node before bestSplit().
 */
export class SplitSearch {
  private readonly xf: Float64Array
  private readonly features: Int32Array
  private readonly labels: Int32Array
  private readonly nodeCounts: Float64Array
  private readonly leftCounts: Float64Array
  private readonly rightCounts: Float64Array
  private nodeWeight = 0
  private nodeSum = 0

  constructor(
    private readonly X: Matrix,
    private readonly y: Float64Array,
    private readonly w: Float64Array,
    private readonly rules: SplitRules,
    private readonly random: Random,
  ) {
    this.xf = new Float64Array(X.rows)
    this.features = Int32Array.from({ length: X.cols }, (_, j) => j)
    const k = rules.nClasses
    this.labels = k > 0 ? Int32Array.from(y) : new Int32Array(0)
    this.nodeCounts = new Float64Array(k)
    this.leftCounts = new Float64Array(k)
    this.rightCounts = new Float64Array(k)
  }

  /** Writes the node's prediction into out[at..] (class frequencies or mean); returns its impurity. */
  nodeStats(samples: Int32Array, start: number, end: number, out: number[], at: number): number {
    const { w, y } = this
    let weight = 0
    if (this.rules.nClasses > 0) {
      const counts = this.nodeCounts
      counts.fill(0)
      for (let p = start; p < end; p++) {
        const s = samples[p]
        counts[this.labels[s]] += w[s]
        weight += w[s]
      }
      this.nodeWeight = weight
      let impurity = 0
      for (let k = 0; k < counts.length; k++) {
        const f = counts[k] / weight
        out[at + k] = f
        impurity += this.rules.criterion === 'gini' ? f * (1 - f) : f > 0 ? -f * Math.log(f) : 0
      }
      return impurity
    }
    let sum = 0
    let sumSq = 0
    for (let p = start; p < end; p++) {
      const s = samples[p]
      weight += w[s]
      sum += w[s] * y[s]
      sumSq += w[s] * y[s] * y[s]
    }
    this.nodeWeight = weight
    this.nodeSum = sum
    const mean = sum / weight
    out[at] = mean
    return sumSq / weight - mean * mean
  }

  /** The best split of samples[start, end), partitioned accordingly, or null if none is allowed. */
  bestSplit(samples: Int32Array, start: number, end: number): Split | null {
    const { data, cols } = this.X
    const { xf, features } = this
    let bestProxy = -Infinity
    let bestFeature = -1
    let bestThreshold = 0
    let visited = 0
    // Features in random order (partial Fisher–Yates), until maxFeatures non-constant ones were scored;
    // like scikit-learn, constant ones don't count, so it keeps drawing past them.
    for (let i = 0; i < cols && visited < this.rules.maxFeatures; i++) {
      const j = i + randomInt(this.random, cols - i)
      const f = features[j]
      features[j] = features[i]
      features[i] = f
      for (let p = start; p < end; p++) xf[p] = data[samples[p] * cols + f]
      sortPairs(xf, samples, start, end)
      if (xf[end - 1] <= xf[start] + FEATURE_THRESHOLD) continue
      visited++
      const found = this.rules.nClasses > 0 ? this.scanClasses(samples, start, end) : this.scanValues(samples, start, end)
      if (found.pos >= 0 && found.proxy > bestProxy) {
        bestProxy = found.proxy
        bestFeature = f
        const lo = xf[found.pos - 1]
        const hi = xf[found.pos]
        bestThreshold = lo / 2 + hi / 2
        if (bestThreshold === hi || !Number.isFinite(bestThreshold)) bestThreshold = lo
      }
    }
    if (bestFeature < 0) return null
    let i = start
    let j = end
    while (i < j) {
      if (data[samples[i] * cols + bestFeature] <= bestThreshold) i++
      else {
        j--
        const t = samples[i]
        samples[i] = samples[j]
        samples[j] = t
      }
    }
    return { feature: bestFeature, threshold: bestThreshold, pos: i }
  }

  /** Gini: maximise Σc²/W over both children; entropy: maximise Σ c·log c − W·log W over both. */
  private scanClasses(samples: Int32Array, start: number, end: number): { pos: number; proxy: number } {
    const { xf, w, labels, leftCounts: cl, rightCounts: cr } = this
    const entropy = this.rules.criterion === 'entropy'
    const minLeaf = this.rules.minSamplesLeaf
    cl.fill(0)
    cr.set(this.nodeCounts)
    let sl = 0
    let sr = 0
    for (let k = 0; k < cr.length; k++) sr += entropy ? xlogx(cr[k]) : cr[k] * cr[k]
    let wl = 0
    let wr = this.nodeWeight
    let bestPos = -1
    let bestProxy = -Infinity
    for (let p = start; p < end - 1; p++) {
      const s = samples[p]
      const k = labels[s]
      const ws = w[s]
      const a = cl[k]
      const b = cr[k]
      if (entropy) {
        sl += xlogx(a + ws) - xlogx(a)
        sr += xlogx(b - ws) - xlogx(b)
      } else {
        sl += ws * (2 * a + ws)
        sr += ws * (ws - 2 * b)
      }
      cl[k] = a + ws
      cr[k] = b - ws
      wl += ws
      wr -= ws
      if (xf[p + 1] <= xf[p] + FEATURE_THRESHOLD) continue
      if (p + 1 - start < minLeaf) continue
      if (end - p - 1 < minLeaf) break
      const proxy = entropy ? sl - xlogx(wl) + sr - xlogx(wr) : sl / wl + sr / wr
      if (proxy > bestProxy) {
        bestProxy = proxy
        bestPos = p + 1
      }
    }
    return { pos: bestPos, proxy: bestProxy }
  }

  /** Squared error: maximise (Σwy)²/W over both children. */
  private scanValues(samples: Int32Array, start: number, end: number): { pos: number; proxy: number } {
    const { xf, w, y } = this
    const minLeaf = this.rules.minSamplesLeaf
    const total = this.nodeSum
    let suml = 0
    let wl = 0
    let bestPos = -1
    let bestProxy = -Infinity
    for (let p = start; p < end - 1; p++) {
      const s = samples[p]
      suml += w[s] * y[s]
      wl += w[s]
      if (xf[p + 1] <= xf[p] + FEATURE_THRESHOLD) continue
      if (p + 1 - start < minLeaf) continue
      if (end - p - 1 < minLeaf) break
      const sumr = total - suml
      const proxy = (suml * suml) / wl + (sumr * sumr) / (this.nodeWeight - wl)
      if (proxy > bestProxy) {
        bestProxy = proxy
        bestPos = p + 1
      }
    }
    return { pos: bestPos, proxy: bestProxy }
  }
}
