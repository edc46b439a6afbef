import type { Matrix } from '../pipeline/matrix.js'

// WebAssembly kernels for the O(rows × features) loops of the linear estimators (column sums, centring,
// XᵀX with Xᵀy, X·w, the refinement's Xᵀr), each the JavaScript loop it replaces with the same arithmetic
// in the same order, so bit for bit the same results. Their source is linalg-wasm-source.ts (padre's
// encoder); the bytes are kept here ready-made because building them runs in V8's interpreter on every
// cold start (about 4 ms), and test/estimators/linalg-wasm.test.ts checks that they are that source's.

/** moduleBase64() of linalg-wasm-source.ts. */
export const MODULE =
  'AGFzbQEAAAABdg5gBH9/f38AYAR/f39/AGAEf39/fwBgBX9/f39/AGAEf39/fwBgCH9/f39/fH9/AGAGf39/f39/AGAFf39/f38A' +
  'YAZ/f39/f38AYAl/f39/f39/f38AYAR/f39/AGAFf39/f38AYAZ/f39/f38AYAV/f39/fwADDw4AAQIDBAUGBwgJCgsMDQUDAQAB' +
  'B44BDwNtZW0CAAdjb2xzdW1zAAAGY2VudHJlAAEGc3ByZWFkAAIGc2V0Y29sAAMEZ3JhbQAEB3Jvd2RvdHMABQhyZXNpZHVhbAAG' +
  'CWNsYXNzc3VtcwAHCmNsYXNzc3FkZXYACANqbGwACQZkaXZpZGUACgN4dHIACwdsaW5lYXI0AAwLc3RhbmRhcmRpc2UADQqGEA5h' +
  'AQN/IAAhBkEAIQQCQANAIAQgAU4NAUEAIQUCQANAIAUgAk4NASADIAVqIAMgBWr9AAMAIAYgBWr9AAMA/fAB/QsDACAFQRBqIQUM' +
  'AAsLIAYgAmohBiAEQQFqIQQMAAsLC2EBA38gACEGQQAhBAJAA0AgBCABTg0BQQAhBQJAA0AgBSACTg0BIAYgBWogBiAFav0AAwAg' +
  'AyAFav0AAwD98QH9CwMAIAVBEGohBQwACwsgBiACaiEGIARBAWohBAwACwsLgAEBBH8gAUEBayEEAkADQCAEQQBIDQEgACAEIAJs' +
  'QQN0aiEGIAAgBCADbEEDdGohByADQQFrIQUCQANAIAVBAEgNASAHIAVBA3RqIAUgAk4EfEQAAAAAAAAAAAUgBiAFQQN0aisDAAs5' +
  'AwAgBUF/aiEFDAALCyAEQX9qIQQMAAsLCzwBAn8gACADaiEGQQAhBQJAA0AgBSABTg0BIAYgBCAFQQN0aisDADkDACAGIAJqIQYg' +
  'BUEBaiEFDAALCwvfAgIGfwJ7IAAhBUEAIQQCQANAIARBAmogAUoNASAFIAJqIQZBACEHAkADQCAHIAJODQEgBSAHaisDAP0UIQog' +
  'BiAHaisDAP0UIQsgAyAHQQN2IAJsaiEJIAdBcHEhCAJAA0AgCCACTg0BIAkgCGogCSAIav0AAwAgCiAFIAhq/QADAP3yASALIAYg' +
  'CGr9AAMA/fIB/fAB/fAB/QsDACAIQRBqIQgMAAsLIAdBCGohBwwACwsgBSACQQF0aiEFIARBAmohBAwACwsCQANAIAQgAU4NASAF' +
  'IAJqIQZBACEHAkADQCAHIAJODQEgBSAHaisDAP0UIQogAyAHQQN2IAJsaiEJIAdBcHEhCAJAA0AgCCACTg0BIAkgCGogCSAIav0A' +
  'AwAgCiAFIAhq/QADAP3yAf3wAf0LAwAgCEEQaiEIDAALCyAHQQhqIQcMAAsLIAUgAmohBSAEQQFqIQQMAAsLC3ECBH8BfCAAIQog' +
  'BiELQQAhCAJAA0AgCCABTg0BIAUhDEEAIQkCQANAIAkgA04NASAMIAogCWorAwAgBCAJaisDAKKgIQwgCUEIaiEJDAALCyALIAw5' +
  'AwAgCiACaiEKIAsgB2ohCyAIQQFqIQgMAAsLC6oBAwN/AXwBeyAAIQhBACEGAkADQCAGIAFODQEgCCADaisDACEJQQAhBwJAA0Ag' +
  'ByADTg0BIAkgCCAHaisDACAEIAdqKwMAoqEhCSAHQQhqIQcMAAsLIAn9FCEKQQAhBwJAA0AgByACTg0BIAUgB2ogBSAHav0AAwAg' +
  'CCAHav0AAwAgCv3yAf3wAf0LAwAgB0EQaiEHDAALCyAIIAJqIQggBkEBaiEGDAALCwt3AgV/AXsgACEHQQAhBQJAA0AgBSABTg0B' +
  'IAQgAyAFQQN0aisDAKogAmxqIQhBACEGAkADQCAGIAJODQEgCCAGaiAIIAZq/QADACAHIAZq/QADAP3wAf0LAwAgBkEQaiEGDAAL' +
  'CyAHIAJqIQcgBUEBaiEFDAALCwueAQIFfwF7IAAhCEEAIQYCQANAIAYgAU4NASAFIAMgBkEDdGorAwCqIAJsaiEJIAQgAyAGQQN0' +
  'aisDAKogAmxqIQpBACEHAkADQCAHIAJODQEgCSAHaiAJIAdq/QADACAIIAdq/QADACAKIAdq/QADAP3xASILIAv98gH98AH9CwMA' +
  'IAdBEGohBwwACwsgCCACaiEIIAZBAWohBgwACwsLxwECBn8CfCAAIQwgCCEOQQAhCQJAA0AgCSABTg0BQQAhCkEAIQ0CQANAIAog' +
  'BE4NAUQAAAAAAAAAACEPQQAhCwJAA0AgCyADTg0BIAwgC2orAwAgBSANaiALaisDAKEiECAQoiAGIA1qIAtqKwMAoyAPoCEPIAtB' +
  'CGohCwwACwsgDiAHIApBA3RqKwMARAAAAAAAAOA/IA+ioTkDACAOQQhqIQ4gDSADaiENIApBAWohCgwACwsgDCACaiEMIAlBAWoh' +
  'CQwACwsLYQEDfyAAIQZBACEEAkADQCAEIAFODQFBACEFAkADQCAFIAJODQEgBiAFaiAGIAVq/QADACADIAVq/QADAP3zAf0LAwAg' +
  'BUEQaiEFDAALCyAGIAJqIQYgBEEBaiEEDAALCwt3AgN/AXsgACEHQQAhBQJAA0AgBSABTg0BIAMgBUEDdGorAwD9FCEIQQAhBgJA' +
  'A0AgBiACTg0BIAQgBmogBCAGav0AAwAgByAGav0AAwAgCP3yAf3wAf0LAwAgBkEQaiEGDAALCyAHIAJqIQcgBUEBaiEFDAALCwvg' +
  'AQIFfwF8IAAhCCAFIQlBACEGIANBYHEhCgJAA0AgBiABTg0BIAQgA2orAwAhC0EAIQcCQANAIAcgCk4NASALIAQgB2orAwAgCCAH' +
  'aisDAKIgBCAHaisDCCAIIAdqKwMIoqAgBCAHaisDECAIIAdqKwMQoqAgBCAHaisDGCAIIAdqKwMYoqCgIQsgB0EgaiEHDAALCwJA' +
  'A0AgByADTg0BIAsgBCAHaisDACAIIAdqKwMAoqAhCyAHQQhqIQcMAAsLIAkgCzkDACAIIAJqIQggCUEIaiEJIAZBAWohBgwACwsL' +
  'ZQEDfyAAIQdBACEFAkADQCAFIAFODQFBACEGAkADQCAGIAJODQEgByAGaiAHIAZqKwMAIAMgBmorAwChIAQgBmorAwCjOQMAIAZB' +
  'CGohBgwACwsgByACaiEHIAVBAWohBQwACwsL'

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
  standardise(x: number, n: number, pb: number, m: number, s: number): void
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
