import type { Matrix } from '../pipeline/matrix.js'

// WebAssembly kernels for the O(rows × features) loops of the linear estimators (column sums, centring,
// XᵀX with Xᵀy, X·w, the refinement's Xᵀr), each the JavaScript loop it replaces with the same arithmetic
// in the same order, so bit for bit the same results. Their source is linalg-wasm-source.ts (padre's
// encoder); the bytes are kept here ready-made because building them runs in V8's interpreter on every
// cold start (about 4 ms), and test/estimators/linalg-wasm.test.ts checks that they are that source's.

/** moduleBase64() of linalg-wasm-source.ts. */
export const MODULE =
  'AGFzbQEAAAABbg1gBH9/f38AYAR/f39/AGAEf39/fwBgBX9/f39/AGAEf39/fwBgCH9/f39/fH9/AGAGf39/f39/AGAFf39/f38A' +
  'YAZ/f39/f38AYAl/f39/f39/f38AYAR/f39/AGAFf39/f38AYAZ/f39/f38AAw4NAAECAwQFBgcICQoLDAUDAQABB4ABDgNtZW0C' +
  'AAdjb2xzdW1zAAAGY2VudHJlAAEGc3ByZWFkAAIGc2V0Y29sAAMEZ3JhbQAEB3Jvd2RvdHMABQhyZXNpZHVhbAAGCWNsYXNzc3Vt' +
  'cwAHCmNsYXNzc3FkZXYACANqbGwACQZkaXZpZGUACgN4dHIACwdsaW5lYXI0AAwKoA8NYQEDfyAAIQZBACEEAkADQCAEIAFODQFB' +
  'ACEFAkADQCAFIAJODQEgAyAFaiADIAVq/QADACAGIAVq/QADAP3wAf0LAwAgBUEQaiEFDAALCyAGIAJqIQYgBEEBaiEEDAALCwth' +
  'AQN/IAAhBkEAIQQCQANAIAQgAU4NAUEAIQUCQANAIAUgAk4NASAGIAVqIAYgBWr9AAMAIAMgBWr9AAMA/fEB/QsDACAFQRBqIQUM' +
  'AAsLIAYgAmohBiAEQQFqIQQMAAsLC4ABAQR/IAFBAWshBAJAA0AgBEEASA0BIAAgBCACbEEDdGohBiAAIAQgA2xBA3RqIQcgA0EB' +
  'ayEFAkADQCAFQQBIDQEgByAFQQN0aiAFIAJOBHxEAAAAAAAAAAAFIAYgBUEDdGorAwALOQMAIAVBf2ohBQwACwsgBEF/aiEEDAAL' +
  'Cws8AQJ/IAAgA2ohBkEAIQUCQANAIAUgAU4NASAGIAQgBUEDdGorAwA5AwAgBiACaiEGIAVBAWohBQwACwsL3wICBn8CeyAAIQVB' +
  'ACEEAkADQCAEQQJqIAFKDQEgBSACaiEGQQAhBwJAA0AgByACTg0BIAUgB2orAwD9FCEKIAYgB2orAwD9FCELIAMgB0EDdiACbGoh' +
  'CSAHQXBxIQgCQANAIAggAk4NASAJIAhqIAkgCGr9AAMAIAogBSAIav0AAwD98gEgCyAGIAhq/QADAP3yAf3wAf3wAf0LAwAgCEEQ' +
  'aiEIDAALCyAHQQhqIQcMAAsLIAUgAkEBdGohBSAEQQJqIQQMAAsLAkADQCAEIAFODQEgBSACaiEGQQAhBwJAA0AgByACTg0BIAUg' +
  'B2orAwD9FCEKIAMgB0EDdiACbGohCSAHQXBxIQgCQANAIAggAk4NASAJIAhqIAkgCGr9AAMAIAogBSAIav0AAwD98gH98AH9CwMA' +
  'IAhBEGohCAwACwsgB0EIaiEHDAALCyAFIAJqIQUgBEEBaiEEDAALCwtxAgR/AXwgACEKIAYhC0EAIQgCQANAIAggAU4NASAFIQxB' +
  'ACEJAkADQCAJIANODQEgDCAKIAlqKwMAIAQgCWorAwCioCEMIAlBCGohCQwACwsgCyAMOQMAIAogAmohCiALIAdqIQsgCEEBaiEI' +
  'DAALCwuqAQMDfwF8AXsgACEIQQAhBgJAA0AgBiABTg0BIAggA2orAwAhCUEAIQcCQANAIAcgA04NASAJIAggB2orAwAgBCAHaisD' +
  'AKKhIQkgB0EIaiEHDAALCyAJ/RQhCkEAIQcCQANAIAcgAk4NASAFIAdqIAUgB2r9AAMAIAggB2r9AAMAIAr98gH98AH9CwMAIAdB' +
  'EGohBwwACwsgCCACaiEIIAZBAWohBgwACwsLdwIFfwF7IAAhB0EAIQUCQANAIAUgAU4NASAEIAMgBUEDdGorAwCqIAJsaiEIQQAh' +
  'BgJAA0AgBiACTg0BIAggBmogCCAGav0AAwAgByAGav0AAwD98AH9CwMAIAZBEGohBgwACwsgByACaiEHIAVBAWohBQwACwsLngEC' +
  'BX8BeyAAIQhBACEGAkADQCAGIAFODQEgBSADIAZBA3RqKwMAqiACbGohCSAEIAMgBkEDdGorAwCqIAJsaiEKQQAhBwJAA0AgByAC' +
  'Tg0BIAkgB2ogCSAHav0AAwAgCCAHav0AAwAgCiAHav0AAwD98QEiCyAL/fIB/fAB/QsDACAHQRBqIQcMAAsLIAggAmohCCAGQQFq' +
  'IQYMAAsLC8cBAgZ/AnwgACEMIAghDkEAIQkCQANAIAkgAU4NAUEAIQpBACENAkADQCAKIARODQFEAAAAAAAAAAAhD0EAIQsCQANA' +
  'IAsgA04NASAMIAtqKwMAIAUgDWogC2orAwChIhAgEKIgBiANaiALaisDAKMgD6AhDyALQQhqIQsMAAsLIA4gByAKQQN0aisDAEQA' +
  'AAAAAADgPyAPoqE5AwAgDkEIaiEOIA0gA2ohDSAKQQFqIQoMAAsLIAwgAmohDCAJQQFqIQkMAAsLC2EBA38gACEGQQAhBAJAA0Ag' +
  'BCABTg0BQQAhBQJAA0AgBSACTg0BIAYgBWogBiAFav0AAwAgAyAFav0AAwD98wH9CwMAIAVBEGohBQwACwsgBiACaiEGIARBAWoh' +
  'BAwACwsLdwIDfwF7IAAhB0EAIQUCQANAIAUgAU4NASADIAVBA3RqKwMA/RQhCEEAIQYCQANAIAYgAk4NASAEIAZqIAQgBmr9AAMA' +
  'IAcgBmr9AAMAIAj98gH98AH9CwMAIAZBEGohBgwACwsgByACaiEHIAVBAWohBQwACwsL4AECBX8BfCAAIQggBSEJQQAhBiADQWBx' +
  'IQoCQANAIAYgAU4NASAEIANqKwMAIQtBACEHAkADQCAHIApODQEgCyAEIAdqKwMAIAggB2orAwCiIAQgB2orAwggCCAHaisDCKKg' +
  'IAQgB2orAxAgCCAHaisDEKKgIAQgB2orAxggCCAHaisDGKKgoCELIAdBIGohBwwACwsCQANAIAcgA04NASALIAQgB2orAwAgCCAH' +
  'aisDAKKgIQsgB0EIaiEHDAALCyAJIAs5AwAgCCACaiEIIAlBCGohCSAGQQFqIQYMAAsLCw=='

export interface Exports {
  mem: WebAssembly.Memory
  colsums(x: number, n: number, rb: number, out: number): void
  centre(x: number, n: number, rb: number, m: number): void
  spread(x: number, n: number, p: number, P: number): void
  setcol(x: number, n: number, rb: number, col: number, y: number): void
  gram(x: number, n: number, rb: number, G: number): void
  rowdots(x: number, n: number, rb: number, pb: number, w: number, b: number, out: number, ob: number): void
  residual(x: number, n: number, rb: number, pb: number, w: number, out: number): void
  classsums(x: number, n: number, rb: number, y: number, out: number): void
  classsqdev(x: number, n: number, rb: number, y: number, m: number, out: number): void
  jll(x: number, n: number, rb: number, pb: number, K: number, m: number, v: number, bias: number, out: number): void
  divide(x: number, n: number, rb: number, s: number): void
  xtr(x: number, n: number, rb: number, r: number, out: number): void
  linear4(x: number, n: number, rb: number, pb: number, w: number, out: number): void
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
