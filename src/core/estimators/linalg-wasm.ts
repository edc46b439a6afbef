import type { Matrix } from '../pipeline/matrix.js'

// WebAssembly kernels for the O(rows × features) loops of the linear estimators (column sums, centring,
// XᵀX with Xᵀy, X·w, the refinement's Xᵀr), each the JavaScript loop it replaces with the same arithmetic
// in the same order, so bit for bit the same results. Their source is linalg-wasm-source.ts (padre's
// encoder); the bytes are kept here ready-made because building them runs in V8's interpreter on every
// cold start (about 4 ms), and test/estimators/linalg-wasm.test.ts checks that they are that source's.

/** moduleBase64() of linalg-wasm-source.ts. */
export const MODULE =
  'AGFzbQEAAAABdg5gBH9/f38AYAR/f39/AGAEf39/fwBgBX9/f39/AGAEf39/fwBgBn9/f39/fwBgBX9/f39/AGAGf39/f39/AGAJ' +
  'f39/f39/f39/AGAEf39/fwBgBX9/f39/AGAGf39/f39/AGAFf39/f38AYAh/f39/f39/fwADDw4AAQIDBAUGBwgJCgsMDQUDAQAB' +
  'B40BDwNtZW0CAAdjb2xzdW1zAAAGY2VudHJlAAEGc3ByZWFkAAIGc2V0Y29sAAMEZ3JhbQAECHJlc2lkdWFsAAUJY2xhc3NzdW1z' +
  'AAYKY2xhc3NzcWRldgAHA2psbAAIBmRpdmlkZQAJA3h0cgAKB2xpbmVhcjQACwtzdGFuZGFyZGlzZQAMBnNjb3JlcwANCr4QDmEB' +
  'A38gACEGQQAhBAJAA0AgBCABTg0BQQAhBQJAA0AgBSACTg0BIAMgBWogAyAFav0AAwAgBiAFav0AAwD98AH9CwMAIAVBEGohBQwA' +
  'CwsgBiACaiEGIARBAWohBAwACwsLYQEDfyAAIQZBACEEAkADQCAEIAFODQFBACEFAkADQCAFIAJODQEgBiAFaiAGIAVq/QADACAD' +
  'IAVq/QADAP3xAf0LAwAgBUEQaiEFDAALCyAGIAJqIQYgBEEBaiEEDAALCwuAAQEEfyABQQFrIQQCQANAIARBAEgNASAAIAQgAmxB' +
  'A3RqIQYgACAEIANsQQN0aiEHIANBAWshBQJAA0AgBUEASA0BIAcgBUEDdGogBSACTgR8RAAAAAAAAAAABSAGIAVBA3RqKwMACzkD' +
  'ACAFQX9qIQUMAAsLIARBf2ohBAwACwsLPAECfyAAIANqIQZBACEFAkADQCAFIAFODQEgBiAEIAVBA3RqKwMAOQMAIAYgAmohBiAF' +
  'QQFqIQUMAAsLC98CAgZ/AnsgACEFQQAhBAJAA0AgBEECaiABSg0BIAUgAmohBkEAIQcCQANAIAcgAk4NASAFIAdqKwMA/RQhCiAG' +
  'IAdqKwMA/RQhCyADIAdBA3YgAmxqIQkgB0FwcSEIAkADQCAIIAJODQEgCSAIaiAJIAhq/QADACAKIAUgCGr9AAMA/fIBIAsgBiAI' +
  'av0AAwD98gH98AH98AH9CwMAIAhBEGohCAwACwsgB0EIaiEHDAALCyAFIAJBAXRqIQUgBEECaiEEDAALCwJAA0AgBCABTg0BIAUg' +
  'AmohBkEAIQcCQANAIAcgAk4NASAFIAdqKwMA/RQhCiADIAdBA3YgAmxqIQkgB0FwcSEIAkADQCAIIAJODQEgCSAIaiAJIAhq/QAD' +
  'ACAKIAUgCGr9AAMA/fIB/fAB/QsDACAIQRBqIQgMAAsLIAdBCGohBwwACwsgBSACaiEFIARBAWohBAwACwsLqgEDA38BfAF7IAAh' +
  'CEEAIQYCQANAIAYgAU4NASAIIANqKwMAIQlBACEHAkADQCAHIANODQEgCSAIIAdqKwMAIAQgB2orAwCioSEJIAdBCGohBwwACwsg' +
  'Cf0UIQpBACEHAkADQCAHIAJODQEgBSAHaiAFIAdq/QADACAIIAdq/QADACAK/fIB/fAB/QsDACAHQRBqIQcMAAsLIAggAmohCCAG' +
  'QQFqIQYMAAsLC3cCBX8BeyAAIQdBACEFAkADQCAFIAFODQEgBCADIAVBA3RqKwMAqiACbGohCEEAIQYCQANAIAYgAk4NASAIIAZq' +
  'IAggBmr9AAMAIAcgBmr9AAMA/fAB/QsDACAGQRBqIQYMAAsLIAcgAmohByAFQQFqIQUMAAsLC54BAgV/AXsgACEIQQAhBgJAA0Ag' +
  'BiABTg0BIAUgAyAGQQN0aisDAKogAmxqIQkgBCADIAZBA3RqKwMAqiACbGohCkEAIQcCQANAIAcgAk4NASAJIAdqIAkgB2r9AAMA' +
  'IAggB2r9AAMAIAogB2r9AAMA/fEBIgsgC/3yAf3wAf0LAwAgB0EQaiEHDAALCyAIIAJqIQggBkEBaiEGDAALCwvHAQIGfwJ8IAAh' +
  'DCAIIQ5BACEJAkADQCAJIAFODQFBACEKQQAhDQJAA0AgCiAETg0BRAAAAAAAAAAAIQ9BACELAkADQCALIANODQEgDCALaisDACAF' +
  'IA1qIAtqKwMAoSIQIBCiIAYgDWogC2orAwCjIA+gIQ8gC0EIaiELDAALCyAOIAcgCkEDdGorAwBEAAAAAAAA4D8gD6KhOQMAIA5B' +
  'CGohDiANIANqIQ0gCkEBaiEKDAALCyAMIAJqIQwgCUEBaiEJDAALCwthAQN/IAAhBkEAIQQCQANAIAQgAU4NAUEAIQUCQANAIAUg' +
  'Ak4NASAGIAVqIAYgBWr9AAMAIAMgBWr9AAMA/fMB/QsDACAFQRBqIQUMAAsLIAYgAmohBiAEQQFqIQQMAAsLC3cCA38BeyAAIQdB' +
  'ACEFAkADQCAFIAFODQEgAyAFQQN0aisDAP0UIQhBACEGAkADQCAGIAJODQEgBCAGaiAEIAZq/QADACAHIAZq/QADACAI/fIB/fAB' +
  '/QsDACAGQRBqIQYMAAsLIAcgAmohByAFQQFqIQUMAAsLC+ABAgV/AXwgACEIIAUhCUEAIQYgA0FgcSEKAkADQCAGIAFODQEgBCAD' +
  'aisDACELQQAhBwJAA0AgByAKTg0BIAsgBCAHaisDACAIIAdqKwMAoiAEIAdqKwMIIAggB2orAwiioCAEIAdqKwMQIAggB2orAxCi' +
  'oCAEIAdqKwMYIAggB2orAxiioKAhCyAHQSBqIQcMAAsLAkADQCAHIANODQEgCyAEIAdqKwMAIAggB2orAwCioCELIAdBCGohBwwA' +
  'CwsgCSALOQMAIAggAmohCCAJQQhqIQkgBkEBaiEGDAALCwtlAQN/IAAhB0EAIQUCQANAIAUgAU4NAUEAIQYCQANAIAYgAk4NASAH' +
  'IAZqIAcgBmorAwAgAyAGaisDAKEgBCAGaisDAKM5AwAgBkEIaiEGDAALCyAHIAJqIQcgBUEBaiEFDAALCwuoAQIGfwF7IAAhCyAH' +
  'IQxBACEIAkADQCAIIAFODQFBACEKAkADQCAKIAVODQEgBiAKav0AAwAhDiAEIApqIQ1BACEJAkADQCAJIANODQEgDiALIAlqKwMA' +
  '/RQgDf0AAwD98gH98AEhDiANIAVqIQ0gCUEIaiEJDAALCyAMIApqIA79CwMAIApBEGohCgwACwsgCyACaiELIAwgBWohDCAIQQFq' +
  'IQgMAAsLCw=='

export interface Exports {
  mem: WebAssembly.Memory
  colsums(x: number, n: number, rb: number, out: number): void
  centre(x: number, n: number, rb: number, m: number): void
  spread(x: number, n: number, p: number, P: number): void
  setcol(x: number, n: number, rb: number, col: number, y: number): void
  gram(x: number, n: number, rb: number, G: number): void
  residual(x: number, n: number, rb: number, pb: number, w: number, out: number): void
  classsums(x: number, n: number, rb: number, y: number, out: number): void
  classsqdev(x: number, n: number, rb: number, y: number, m: number, out: number): void
  jll(x: number, n: number, rb: number, pb: number, K: number, m: number, v: number, bias: number, out: number): void
  divide(x: number, n: number, rb: number, s: number): void
  xtr(x: number, n: number, rb: number, r: number, out: number): void
  linear4(x: number, n: number, rb: number, pb: number, w: number, out: number): void
  standardise(x: number, n: number, pb: number, m: number, s: number): void
  scores(x: number, n: number, rb: number, pb: number, W: number, kb: number, b: number, out: number): void
}

let instance: Exports | null | undefined
let enabled = true

/** Tests switch the kernels off to run the JavaScript loops they replace. */
export function useLinalgKernels(on: boolean): void {
  enabled = on
}

/** The kernels, or null where WebAssembly SIMD is unavailable or switched off. */
export function kernels(): Exports | null {
  if (!enabled) return null
  if (instance !== undefined) return instance
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(MODULE, 'base64'))).exports as unknown as Exports
  } catch {
    instance = null
  }
  return instance
}

const PAGE = 65536
/** Above this many bytes the JavaScript loops run instead (wasm32 memory is at most 4 GiB). */
const MAX_BYTES = 1 << 30

/** Consecutive 16-byte-aligned regions of the kernels' memory for arrays of these float64 counts; undefined when too large. */
export function reserve(kx: Exports, counts: number[]): number[] | undefined {
  const offsets: number[] = []
  let end = 0
  for (const c of counts) {
    offsets.push(end)
    end += Math.ceil(c / 2) * 16
  }
  if (end > MAX_BYTES) return undefined
  const have = kx.mem.buffer.byteLength
  if (end > have) kx.mem.grow(Math.ceil((end - have) / PAGE))
  return offsets
}

/** Features padded to an even count (a 16-byte row). */
export const evenWidth = (p: number): number => p + (p & 1)

/**
 * X (and y as an extra column p, when given) copied into the kernels' memory at offset 0 with rows
 * `width` values apart (an even count > the columns used; the rest zero).
 */
export function loadRows(kx: Exports, X: Matrix, width: number, y?: Float64Array, yAt = 0): void {
  const heap = new Float64Array(kx.mem.buffer)
  heap.set(X.data, 0)
  if (width !== X.cols) kx.spread(0, X.rows, X.cols, width)
  if (y) {
    heap.set(y, yAt / 8)
    kx.setcol(0, X.rows, width * 8, X.cols * 8, yAt)
  }
}

/** The column sums of the loaded rows (in row order, as linalg's columnMeans adds them), width values at sumsAt. */
export function columnSums(kx: Exports, n: number, width: number, sumsAt: number): Float64Array {
  new Float64Array(kx.mem.buffer).fill(0, sumsAt / 8, sumsAt / 8 + width)
  kx.colsums(0, n, width * 8, sumsAt)
  return new Float64Array(kx.mem.buffer, sumsAt, width)
}
