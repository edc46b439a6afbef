import { f64x2Splat, I32, moduleBytes, op, V128, v128Store } from './wasm-encode.js'

// dist(sv, nsv, stride, q, groups, out) → 0. For each of nsv support vectors (at sv, stride bytes each,
// dense doubles) and each group of 8 queries (at q: per group, per feature, four f64x2 pairs of queries),
// the sum over the features, in feature order, of (query − support vector)², one query per lane, so each
// sum is the same sequence of roundings as libsvm's loop over the features. Written to out as
// [support vector][group][pair][lane].
const P = { sv: 0, nsv: 1, stride: 2, q: 3, groups: 4, out: 5 }
const L = { k: 6, g: 7, f: 8, svp: 9, qf: 10, outp: 11, a0: 12, a1: 13, a2: 14, a3: 15, s: 16, t: 17 }
const acc = [L.a0, L.a1, L.a2, L.a3]
/** a += (q pair at qf + offset − s)². */
const squaredDifference = (a: number, offset: number) => [
  ...op.get(L.qf), ...op.v128Load(offset), ...op.get(L.s), ...op.f64x2Sub, ...op.tee(L.t), ...op.get(L.t), ...op.f64x2Mul,
  ...op.get(a), ...op.f64x2Add, ...op.set(a),
]
const body = [
  ...op.get(P.out), ...op.set(L.outp),
  ...op.get(P.sv), ...op.set(L.svp),
  ...op.i32(0), ...op.set(L.k),
  ...op.block, ...op.loop, // support vectors
  ...op.get(L.k), ...op.get(P.nsv), ...op.i32GeS, ...op.brIf(1),
  ...op.get(P.q), ...op.set(L.qf),
  ...op.i32(0), ...op.set(L.g),
  ...op.block, ...op.loop, // groups of 8 queries
  ...op.get(L.g), ...op.get(P.groups), ...op.i32GeS, ...op.brIf(1),
  ...op.v128Zero, ...op.tee(L.a0), ...op.tee(L.a1), ...op.tee(L.a2), ...op.set(L.a3),
  ...op.i32(0), ...op.set(L.f),
  ...op.loop, // features
  ...op.get(L.svp), ...op.get(L.f), ...op.i32Add, ...op.f64Load, ...f64x2Splat, ...op.set(L.s),
  ...acc.flatMap((a, i) => squaredDifference(a, 16 * i)),
  ...op.get(L.qf), ...op.i32(64), ...op.i32Add, ...op.set(L.qf),
  ...op.get(L.f), ...op.i32(8), ...op.i32Add, ...op.tee(L.f), ...op.get(P.stride), ...op.i32LtU, ...op.brIf(0),
  ...op.end,
  ...acc.flatMap((a, i) => [...op.get(L.outp), ...op.get(a), ...v128Store(16 * i)]),
  ...op.get(L.outp), ...op.i32(64), ...op.i32Add, ...op.set(L.outp),
  ...op.get(L.g), ...op.i32(1), ...op.i32Add, ...op.set(L.g),
  ...op.br(0),
  ...op.end, ...op.end,
  ...op.get(L.svp), ...op.get(P.stride), ...op.i32Add, ...op.set(L.svp),
  ...op.get(L.k), ...op.i32(1), ...op.i32Add, ...op.set(L.k),
  ...op.br(0),
  ...op.end, ...op.end,
  ...op.i32(0),
]

let compiled: WebAssembly.Module | null | undefined

/** The compiled kernel, or null where WebAssembly SIMD is unavailable. */
function kernel(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled
  const bytes = moduleBytes({ name: 'dist', params: 6, locals: [[6, I32], [6, V128]], body })
  compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null
  return compiled
}

const PAGE = 65536
/** Queries per kernel call (a multiple of 8). */
const BLOCK = 64
const MAX_BYTES = 1 << 30

/** Squared distances from blocks of query rows to every support vector, in WebAssembly SIMD. */
export class SvcDistances {
  static readonly block = BLOCK
  private readonly dist: (sv: number, nsv: number, stride: number, q: number, groups: number, out: number) => number
  private readonly memory: WebAssembly.Memory
  private readonly qAt: number
  private readonly outAt: number

  /** Undefined where WebAssembly SIMD is missing or the support vectors are too many for its memory. */
  static create(sv: Float64Array, l: number, cols: number): SvcDistances | undefined {
    const module = kernel()
    if (!module || cols === 0 || (l + BLOCK) * cols * 8 + l * BLOCK * 8 > MAX_BYTES) return undefined
    try {
      return new SvcDistances(module, sv, l, cols)
    } catch (error) {
      // memory the engine will not give (a RangeError from grow): the JavaScript loop computes the same sums
      if (error instanceof RangeError) return undefined
      throw error
    }
  }

  private constructor(module: WebAssembly.Module, sv: Float64Array, private readonly l: number, private readonly cols: number) {
    const { exports } = new WebAssembly.Instance(module)
    this.dist = exports.dist as SvcDistances['dist']
    this.memory = exports.mem as WebAssembly.Memory
    this.qAt = l * cols * 8
    this.outAt = this.qAt + BLOCK * cols * 8
    const bytes = this.outAt + l * BLOCK * 8
    this.memory.grow(Math.ceil(bytes / PAGE) - this.memory.buffer.byteLength / PAGE)
    new Float64Array(this.memory.buffer).set(sv.subarray(0, l * cols))
  }

  /**
   * Distances of rows from..from+n (n ≤ block) of X to every support vector: entry [k · stride + b] for
   * support vector k and query b, with stride n rounded up to 8 (the returned view lives in the kernel's memory).
   */
  distances(X: Float64Array, from: number, n: number): { d2: Float64Array; stride: number } {
    const { cols, l } = this
    const groups = Math.ceil(n / 8)
    const heap = new Float64Array(this.memory.buffer)
    const q = this.qAt / 8
    // query b goes to group b >> 3, pair (b & 7) >> 1, lane b & 1; missing queries repeat row `from`
    for (let b = 0; b < groups * 8; b++) {
      const row = (from + (b < n ? b : 0)) * cols
      const at = q + (b >> 3) * cols * 8 + (b & 7)
      for (let f = 0; f < cols; f++) heap[at + f * 8] = X[row + f]
    }
    this.dist(0, l, cols * 8, this.qAt, groups, this.outAt)
    return { d2: heap.subarray(this.outAt / 8, this.outAt / 8 + l * groups * 8), stride: groups * 8 }
  }
}
