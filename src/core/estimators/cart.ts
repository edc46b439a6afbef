import type { Matrix } from '../pipeline/matrix.js'
import type { Random } from '../random.js'
import { SplitSearch, type Criterion } from './cart-split.js'

export type { Criterion } from './cart-split.js'

export interface CartOptions {
  criterion: Criterion
  /** classification: number of classes (y holds 0..nClasses-1); regression: 0. */
  nClasses: number
  /** Infinity for unlimited. */
  maxDepth: number
  minSamplesSplit: number
  minSamplesLeaf: number
  /** Non-constant features examined per split, 1..cols. */
  maxFeatures: number
}

/** A fitted tree in flat arrays. Node 0 is the root; feature -1 marks a leaf. */
export interface Tree {
  nodeCount: number
  feature: Int32Array
  threshold: Float64Array
  left: Int32Array
  right: Int32Array
  /** nodeCount × width: class frequencies (width nClasses) or the mean (width 1). */
  value: Float64Array
  width: number
}

/** Below this a node counts as pure (scikit-learn's EPSILON). */
const EPSILON = 2.220446049250313e-16

/**
 * Grows a CART tree depth first, like scikit-learn's DepthFirstTreeBuilder.
 * weights: per-row sample weights (bootstrap counts); null means all 1. Rows of weight 0 are left out,
 * and minSamplesSplit / minSamplesLeaf count rows, not weight, as in scikit-learn.
 */
export function buildTree(X: Matrix, y: Float64Array, weights: Float64Array | null, options: CartOptions, random: Random): Tree {
  const w = weights ?? new Float64Array(X.rows).fill(1)
  const samples = Int32Array.from(indicesWithWeight(w))
  const width = options.nClasses > 0 ? options.nClasses : 1
  const search = new SplitSearch(X, y, w, options, random)
  const minSplit = Math.max(options.minSamplesSplit, 2 * options.minSamplesLeaf)

  const feature: number[] = []
  const threshold: number[] = []
  const left: number[] = []
  const right: number[] = []
  const value: number[] = []
  // Entries of 5: start, end, depth, parent, isLeft (1/0). Left children are popped first.
  const stack: number[] = [0, samples.length, 0, -1, 0]
  while (stack.length > 0) {
    const isLeft = stack.pop()!
    const parent = stack.pop()!
    const depth = stack.pop()!
    const end = stack.pop()!
    const start = stack.pop()!
    const node = feature.length
    feature.push(-1)
    threshold.push(0)
    left.push(-1)
    right.push(-1)
    if (parent >= 0) (isLeft ? left : right)[parent] = node
    const impurity = search.nodeStats(samples, start, end, value, node * width)
    if (depth >= options.maxDepth || end - start < minSplit || impurity <= EPSILON) continue
    const split = search.bestSplit(samples, start, end)
    if (!split) continue
    feature[node] = split.feature
    threshold[node] = split.threshold
    stack.push(split.pos, end, depth + 1, node, 0, start, split.pos, depth + 1, node, 1)
  }
  return {
    nodeCount: feature.length,
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    width,
  }
}

function indicesWithWeight(w: Float64Array): number[] {
  const out: number[] = []
  for (let i = 0; i < w.length; i++) if (w[i] > 0) out.push(i)
  return out
}

/** The leaf each row of X lands in. */
export function applyTree(tree: Tree, X: Matrix): Int32Array {
  const { feature, threshold, left, right } = tree
  const { data, cols } = X
  const leaves = new Int32Array(X.rows)
  for (let i = 0; i < X.rows; i++) {
    const offset = i * cols
    let node = 0
    while (feature[node] >= 0) node = data[offset + feature[node]] <= threshold[node] ? left[node] : right[node]
    leaves[i] = node
  }
  return leaves
}

/** Adds each row's leaf value (times scale) into out (rows × width), for averaging over trees. */
export function accumulateTree(tree: Tree, X: Matrix, out: Float64Array, scale = 1): void {
  const leaves = applyTree(tree, X)
  const { value, width } = tree
  for (let i = 0; i < leaves.length; i++) {
    const from = leaves[i] * width
    for (let k = 0; k < width; k++) out[i * width + k] += scale * value[from + k]
  }
}
