import { decodeFloat64, encodeFloat64 } from '../models/state-codec.js'
import type { Tree } from './cart.js'

/** A fitted CART tree as plain JSON: its flat node arrays as base64 (int32 and float64, little-endian). */
export interface TreeState {
  nodeCount: number
  width: number
  feature: string
  threshold: string
  left: string
  right: string
  value: string
}

function encodeInt32(values: Int32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')
}

function decodeInt32(text: string): Int32Array {
  const bytes = Buffer.from(text, 'base64')
  if (bytes.byteLength % 4) throw new Error('a saved int32 array has a length that is not a multiple of 4 bytes')
  const out = new Int32Array(bytes.byteLength / 4)
  new Uint8Array(out.buffer).set(bytes)
  return out
}

export function encodeTree(tree: Tree): TreeState {
  return {
    nodeCount: tree.nodeCount,
    width: tree.width,
    feature: encodeInt32(tree.feature),
    threshold: encodeFloat64(tree.threshold),
    left: encodeInt32(tree.left),
    right: encodeInt32(tree.right),
    value: encodeFloat64(tree.value),
  }
}

export function decodeTree(state: TreeState): Tree {
  const tree: Tree = {
    nodeCount: state.nodeCount,
    width: state.width,
    feature: decodeInt32(state.feature),
    threshold: decodeFloat64(state.threshold),
    left: decodeInt32(state.left),
    right: decodeInt32(state.right),
    value: decodeFloat64(state.value),
  }
  const n = tree.nodeCount
  const sized = [tree.feature, tree.threshold, tree.left, tree.right].every((a) => a.length === n) && tree.value.length === n * tree.width
  if (!sized || n < 1) throw new Error(`a saved tree does not hold ${n} nodes of width ${tree.width}`)
  // every child link must point forward inside the tree, so prediction always ends at a leaf
  for (let i = 0; i < n; i++) {
    if (tree.feature[i] < 0) continue
    if (!(tree.left[i] > i && tree.left[i] < n && tree.right[i] > i && tree.right[i] < n)) throw new Error(`a saved tree's node ${i} links outside the tree`)
  }
  return tree
}
