import type { Matrix } from '../pipeline/matrix.js'
import { insertNeighbour } from './neighbours.js'
import { F64, I32, moduleBytes, op, V128 } from './wasm-encode.js'

// scan(x, from, to, stride, q, nq, limits, out, head) → count. For training rows from..to (at x, stride bytes
// each, features padded with zeros to a multiple of 4) and nq queries (nq even; at q, same stride), sums
// squared differences two features per f64x2 lane, two queries per pass over a row (its values loaded
// once for both), and, from `head` bytes of the row on, leaves the row as soon as both partial sums
// exceed their queries' limits (at limits); the (row, query) pairs whose sum stays within the limit go
// to out as i32 pairs, in row order. Locals after the 9 parameters:
const L = { i: 9, b: 10, xo: 11, qa: 12, qb: 13, j: 14, count: 15, a0: 16, a1: 17, b0: 18, b1: 19, x0: 20, x1: 21, t: 22, limitA: 23, limitB: 24 }
const P = { x: 0, from: 1, to: 2, stride: 3, q: 4, nq: 5, limits: 6, out: 7, head: 8 }
/** acc += (x − q[j + offset])² lane-wise. */
const squaredDifference = (x: number, q: number, offset: number, acc: number) => [
  ...op.get(x), ...op.get(q), ...op.get(L.j), ...op.i32Add, ...op.v128Load(offset),
  ...op.f64x2Sub, ...op.tee(L.t), ...op.get(L.t), ...op.f64x2Mul, ...op.get(acc), ...op.f64x2Add, ...op.set(acc),
]
/** (sum of both lanes of acc0 + acc1) > limit, as an i32. */
const exceeds = (acc0: number, acc1: number, limit: number) => [
  ...op.get(acc0), ...op.get(acc1), ...op.f64x2Add, ...op.tee(L.t),
  ...op.f64x2Lane(0), ...op.get(L.t), ...op.f64x2Lane(1), ...op.f64Add, ...op.get(limit), ...op.f64Gt,
]
/** Appends (row i, query) to out unless its sum exceeds its limit. */
const keep = (acc0: number, acc1: number, limit: number, query: number[]) => [
  ...op.block,
  ...exceeds(acc0, acc1, limit), ...op.brIf(0),
  ...op.get(P.out), ...op.get(L.count), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...op.tee(L.j), ...op.get(L.i), ...op.i32Store(0),
  ...op.get(L.j), ...query, ...op.i32Store(4),
  ...op.get(L.count), ...op.i32(1), ...op.i32Add, ...op.set(L.count),
  ...op.end,
]
const limitOf = (query: number[]) => [...op.get(P.limits), ...query, ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...op.f64Load]
const body = [
  ...op.get(P.from), ...op.set(L.i),
  ...op.block, ...op.loop, // rows
  ...op.get(L.i), ...op.get(P.to), ...op.i32GeS, ...op.brIf(1),
  ...op.get(P.x), ...op.get(L.i), ...op.get(P.stride), ...op.i32Mul, ...op.i32Add, ...op.set(L.xo),
  ...op.get(P.q), ...op.set(L.qa),
  ...op.i32(0), ...op.set(L.b),
  ...op.block, ...op.loop, // queries, two at a time
  ...op.get(L.b), ...op.get(P.nq), ...op.i32GeS, ...op.brIf(1),
  ...op.get(L.qa), ...op.get(P.stride), ...op.i32Add, ...op.set(L.qb),
  ...limitOf(op.get(L.b)), ...op.set(L.limitA),
  ...limitOf([...op.get(L.b), ...op.i32(1), ...op.i32Add]), ...op.set(L.limitB),
  ...op.v128Zero, ...op.tee(L.a0), ...op.tee(L.a1), ...op.tee(L.b0), ...op.set(L.b1),
  ...op.i32(0), ...op.set(L.j),
  ...op.block, ...op.loop, // features, four at a time; the block's end is "both dropped"
  ...op.get(L.xo), ...op.get(L.j), ...op.i32Add, ...op.v128Load(0), ...op.set(L.x0),
  ...op.get(L.xo), ...op.get(L.j), ...op.i32Add, ...op.v128Load(16), ...op.set(L.x1),
  ...squaredDifference(L.x0, L.qa, 0, L.a0), ...squaredDifference(L.x1, L.qa, 16, L.a1),
  ...squaredDifference(L.x0, L.qb, 0, L.b0), ...squaredDifference(L.x1, L.qb, 16, L.b1),
  ...exceeds(L.a0, L.a1, L.limitA), ...exceeds(L.b0, L.b1, L.limitB), ...op.i32And,
  ...op.get(L.j), ...op.i32(32), ...op.i32Add, ...op.tee(L.j), ...op.get(P.head), ...op.i32GeU, ...op.i32And, ...op.brIf(1),
  ...op.get(L.j), ...op.get(P.stride), ...op.i32LtU, ...op.brIf(0),
  ...op.end,
  ...keep(L.a0, L.a1, L.limitA, op.get(L.b)),
  ...keep(L.b0, L.b1, L.limitB, [...op.get(L.b), ...op.i32(1), ...op.i32Add]),
  ...op.end,
  ...op.get(L.qb), ...op.get(P.stride), ...op.i32Add, ...op.set(L.qa),
  ...op.get(L.b), ...op.i32(2), ...op.i32Add, ...op.set(L.b),
  ...op.br(0),
  ...op.end, ...op.end,
  ...op.get(L.i), ...op.i32(1), ...op.i32Add, ...op.set(L.i),
  ...op.br(0),
  ...op.end, ...op.end,
  ...op.get(L.count),
]

let compiled: WebAssembly.Module | null | undefined

/** The compiled kernel, or null where WebAssembly SIMD is unavailable. */
function kernel(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled
  const bytes = moduleBytes({ name: 'scan', params: 9, locals: [[7, I32], [7, V128], [2, F64]], body })
  compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null
  return compiled
}

/**
 * The kernel checks its partial sum only after this share of the features, then every four: where a
 * pair drops out varies from pair to pair, and a mispredicted branch costs more than the arithmetic it
 * saves (20 features, bench rows: checking from the 4th feature on 300 ms, from the 12th 210, the
 * 16th 196, never before the end 202).
 */
const HEAD = 0.75
const PAGE = 65536
const BLOCK = 16
const CHUNK = 256
/** Training data above this many bytes stays on the JavaScript scan (wasm32 memory is at most 4 GiB). */
const MAX_BYTES = 1 << 30

/**
 * Exact k-nearest search over the training rows with the pruning done in WebAssembly SIMD: the kernel
 * drops the pairs whose partial sum of squares exceeds the current k-th distance (with a margin for
 * its different summation order), and the few pairs left are measured here, summed in feature order
 * as the plain scan sums them, so the neighbours and distances are exactly the plain scan's.
 */
export class WasmScan {
  private readonly scan: (x: number, from: number, to: number, stride: number, q: number, nq: number, limits: number, out: number, head: number) => number
  private readonly memory: WebAssembly.Memory
  private readonly padded: number
  private readonly qAt: number
  private readonly limitsAt: number
  private readonly outAt: number
  /** Relative margin above the summation-order rounding of a sum of `cols` non-negative terms. */
  private readonly margin: number
  /** Bytes of each row summed before the first check (see HEAD). */
  private readonly head: number

  static create(X: Matrix): WasmScan | undefined {
    const module = kernel()
    const padded = Math.ceil(X.cols / 4) * 4
    if (!module || X.cols === 0 || (X.rows + BLOCK) * padded * 8 + BLOCK * CHUNK * 8 > MAX_BYTES) return undefined
    return new WasmScan(module, X, padded)
  }

  private constructor(module: WebAssembly.Module, private readonly X: Matrix, padded: number) {
    const { exports } = new WebAssembly.Instance(module)
    this.scan = exports.scan as WasmScan['scan']
    this.memory = exports.mem as WebAssembly.Memory
    this.padded = padded
    const stride = padded * 8
    this.qAt = X.rows * stride
    this.limitsAt = this.qAt + BLOCK * stride
    this.outAt = this.limitsAt + BLOCK * 8
    const bytes = this.outAt + BLOCK * CHUNK * 8
    this.memory.grow(Math.ceil(bytes / PAGE) - this.memory.buffer.byteLength / PAGE)
    const heap = new Float64Array(this.memory.buffer)
    for (let i = 0; i < X.rows; i++) heap.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), i * padded)
    this.margin = 4 * X.cols * Number.EPSILON
    this.head = Math.min(padded, Math.ceil((HEAD * X.cols) / 4) * 4) * 8
  }

  /** Queries per call of searchBlock. */
  static readonly block = BLOCK

  /**
   * The k nearest training rows of queries from..to (at most `block`) of Q, nearest first, into
   * index/dist2 at (query − from) · k; on equal distances the earlier training row is nearer.
   */
  searchBlock(Q: Matrix, from: number, to: number, k: number, index: Int32Array, dist2: Float64Array): void {
    const { rows, cols, data } = this.X
    const { padded, qAt, limitsAt, outAt, margin } = this
    const heap = new Float64Array(this.memory.buffer)
    const pairs = new Int32Array(this.memory.buffer)
    const q = Q.data
    const nq = to - from
    for (let b = 0; b < nq; b++) {
      const at = qAt / 8 + b * padded
      heap.set(q.subarray((from + b) * cols, (from + b + 1) * cols), at)
      heap.fill(0, at + cols, at + padded)
      heap[limitsAt / 8 + b] = Infinity
    }
    // the kernel takes queries in pairs: an odd block gets a query no row can come near (limit −∞;
    // a NaN row's pair with it is skipped below)
    const even = nq + (nq & 1)
    if (even > nq) {
      heap.fill(0, qAt / 8 + nq * padded, qAt / 8 + even * padded)
      heap[limitsAt / 8 + nq] = -Infinity
    }
    index.fill(-1, 0, nq * k)
    dist2.fill(Infinity, 0, nq * k)
    // every pair survives until a query has k neighbours: start with k rows, then double up to CHUNK
    for (let start = 0, end = Math.min(rows, k, CHUNK); start < rows; start = end, end = Math.min(rows, end + Math.min(CHUNK, end))) {
      const n = this.scan(0, start, end, padded * 8, qAt, even, limitsAt, outAt, this.head)
      for (let s = 0; s < n; s++) {
        const i = pairs[outAt / 4 + 2 * s]
        const b = pairs[outAt / 4 + 2 * s + 1]
        if (b >= nq) continue
        const base = b * k
        const o = i * cols
        const qo = (from + b) * cols
        let d = 0
        for (let j = 0; j < cols; j++) {
          const t = data[o + j] - q[qo + j]
          d += t * t
        }
        if (!insertNeighbour(dist2, index, base, k, d, i)) continue
        heap[limitsAt / 8 + b] = dist2[base + k - 1] * (1 + margin)
      }
    }
  }
}
