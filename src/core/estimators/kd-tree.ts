import type { Matrix } from '../pipeline/matrix.js'

/**
 * Exact k-nearest-neighbour search (squared euclidean) in a k-d tree with tight bounding boxes.
 * The neighbours are the k smallest by (distance, training row): on equal distances the earlier row
 * is the nearer, whatever order the tree visits rows in. Distances are summed over the features in
 * order, the same value a plain scan computes.
 */
export class KdTree {
  private readonly cols: number
  /** Tree position → training row. */
  private readonly order: Int32Array
  /** The training rows in tree order, so a leaf's rows are contiguous. */
  private readonly points: Float64Array
  private readonly start: number[] = []
  private readonly end: number[] = []
  private readonly left: number[] = []
  private readonly right: number[] = []
  /** Per node: the box's lower then upper corner (2 · cols values). */
  private readonly boxList: number[] = []
  private readonly boxes: Float64Array

  constructor(X: Matrix, private readonly leafSize = 32) {
    this.cols = X.cols
    this.order = Int32Array.from({ length: X.rows }, (_, i) => i)
    this.build(X, 0, X.rows)
    this.boxes = Float64Array.from(this.boxList)
    this.points = new Float64Array(X.rows * X.cols)
    for (let t = 0; t < X.rows; t++) this.points.set(X.data.subarray(this.order[t] * X.cols, (this.order[t] + 1) * X.cols), t * X.cols)
  }

  private build(X: Matrix, from: number, to: number): number {
    const { cols } = this
    const node = this.start.length
    this.start.push(from)
    this.end.push(to)
    this.left.push(-1)
    this.right.push(-1)
    const lo = new Array<number>(cols).fill(Infinity)
    const hi = new Array<number>(cols).fill(-Infinity)
    for (let t = from; t < to; t++) {
      const o = this.order[t] * cols
      for (let j = 0; j < cols; j++) {
        const v = X.data[o + j]
        if (v < lo[j]) lo[j] = v
        if (v > hi[j]) hi[j] = v
      }
    }
    for (const v of lo) this.boxList.push(v)
    for (const v of hi) this.boxList.push(v)
    if (to - from <= this.leafSize) return node
    let dim = 0
    for (let j = 1; j < cols; j++) if (hi[j] - lo[j] > hi[dim] - lo[dim]) dim = j
    if (!(hi[dim] > lo[dim])) return node // all rows equal: a leaf
    const slice = Array.from(this.order.subarray(from, to)).sort((a, b) => X.data[a * cols + dim] - X.data[b * cols + dim])
    this.order.set(slice, from)
    const mid = from + ((to - from) >> 1)
    this.left[node] = this.build(X, from, mid)
    this.right[node] = this.build(X, mid, to)
    return node
  }

  /** Squared distance from query q (at q[qo..]) to the node's box: no row of the node is nearer. */
  private boxDistance(node: number, q: Float64Array, qo: number): number {
    const { cols } = this
    const b = node * 2 * cols
    let d = 0
    for (let j = 0; j < cols; j++) {
      const v = q[qo + j]
      const below = this.boxes[b + j] - v
      const above = v - this.boxes[b + cols + j]
      const gap = below > 0 ? below : above > 0 ? above : 0
      d += gap * gap
    }
    return d
  }

  /** The k nearest rows of query q (at q[qo..]), nearest first, into index/dist2 at [0, k). */
  search(q: Float64Array, qo: number, k: number, index: Int32Array, dist2: Float64Array): void {
    index.fill(-1, 0, k)
    dist2.fill(Infinity, 0, k)
    this.visit(0, q, qo, k, index, dist2)
  }

  private visit(node: number, q: Float64Array, qo: number, k: number, index: Int32Array, dist2: Float64Array): void {
    const l = this.left[node]
    if (l < 0) {
      this.scan(node, q, qo, k, index, dist2)
      return
    }
    const r = this.right[node]
    const dl = this.boxDistance(l, q, qo)
    const dr = this.boxDistance(r, q, qo)
    // the box distance is rounded differently from a row's distance: prune only with a margin
    if (dl <= dr) {
      if (!(dl > dist2[k - 1] * (1 + 1e-9))) this.visit(l, q, qo, k, index, dist2)
      if (!(dr > dist2[k - 1] * (1 + 1e-9))) this.visit(r, q, qo, k, index, dist2)
    } else {
      if (!(dr > dist2[k - 1] * (1 + 1e-9))) this.visit(r, q, qo, k, index, dist2)
      if (!(dl > dist2[k - 1] * (1 + 1e-9))) this.visit(l, q, qo, k, index, dist2)
    }
  }

  private scan(node: number, q: Float64Array, qo: number, k: number, index: Int32Array, dist2: Float64Array): void {
    const { cols, points, order } = this
    const last = k - 1
    for (let t = this.start[node], end = this.end[node]; t < end; t++) {
      const bound = dist2[last]
      const o = t * cols
      let d = 0
      let j = 0
      for (; j + 4 <= cols; j += 4) {
        const t0 = points[o + j] - q[qo + j]
        const t1 = points[o + j + 1] - q[qo + j + 1]
        const t2 = points[o + j + 2] - q[qo + j + 2]
        const t3 = points[o + j + 3] - q[qo + j + 3]
        d = d + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3
        if (d > bound) break // partial sums only grow
      }
      if (d > bound) continue
      for (; j < cols; j++) {
        const u = points[o + j] - q[qo + j]
        d += u * u
      }
      const row = order[t]
      if (d > bound || (d === bound && row > index[last])) continue
      let pos = last
      while (pos > 0 && (d < dist2[pos - 1] || (d === dist2[pos - 1] && row < index[pos - 1]))) {
        dist2[pos] = dist2[pos - 1]
        index[pos] = index[pos - 1]
        pos--
      }
      dist2[pos] = d
      index[pos] = row
    }
  }
}
