import type { Matrix } from '../pipeline/matrix.js'

// WebAssembly kernels for the O(rows × features) loops of the linear estimators (column sums, centring,
// XᵀX with Xᵀy, X·w, the refinement's Xᵀr), each the JavaScript loop it replaces with the same arithmetic
// in the same order, so bit for bit the same results. Their source is linalg-wasm-source.ts (padre's
// encoder); the bytes are kept here ready-made because building them runs in V8's interpreter on every
// cold start (about 4 ms), and test/estimators/linalg-wasm.test.ts checks that they are that source's.

/** moduleBase64() of linalg-wasm-source.ts. */
export const MODULE =
  'AGFzbQEAAAABhAEQYAR/f39/AGAEf39/fwBgBH9/f38AYAV/f39/fwBgBH9/f38AYAZ/f39/f38AYAV/f39/fwBgBn9/f39/fwBg' +
  'CX9/f39/f39/fwBgBH9/f38AYAV/f39/fwBgBn9/f39/fwBgBX9/f39/AGAIf39/f39/f38AYAN/f38AYAV/f39/fwADERAAAQID' +
  'BAUGBwgJCgsMDQ4PBQMBAAEHoQERA21lbQIAB2NvbHN1bXMAAAZjZW50cmUAAQZzcHJlYWQAAgZzZXRjb2wAAwRncmFtAAQIcmVz' +
  'aWR1YWwABQljbGFzc3N1bXMABgpjbGFzc3NxZGV2AAcDamxsAAgGZGl2aWRlAAkDeHRyAAoHbGluZWFyNAALC3N0YW5kYXJkaXNl' +
  'AAwGc2NvcmVzAA0GamFjb2JpAA4Ic2lnbmZsaXAADwqnGRBhAQN/IAAhBkEAIQQCQANAIAQgAU4NAUEAIQUCQANAIAUgAk4NASAD' +
  'IAVqIAMgBWr9AAMAIAYgBWr9AAMA/fAB/QsDACAFQRBqIQUMAAsLIAYgAmohBiAEQQFqIQQMAAsLC2EBA38gACEGQQAhBAJAA0Ag' +
  'BCABTg0BQQAhBQJAA0AgBSACTg0BIAYgBWogBiAFav0AAwAgAyAFav0AAwD98QH9CwMAIAVBEGohBQwACwsgBiACaiEGIARBAWoh' +
  'BAwACwsLgAEBBH8gAUEBayEEAkADQCAEQQBIDQEgACAEIAJsQQN0aiEGIAAgBCADbEEDdGohByADQQFrIQUCQANAIAVBAEgNASAH' +
  'IAVBA3RqIAUgAk4EfEQAAAAAAAAAAAUgBiAFQQN0aisDAAs5AwAgBUF/aiEFDAALCyAEQX9qIQQMAAsLCzwBAn8gACADaiEGQQAh' +
  'BQJAA0AgBSABTg0BIAYgBCAFQQN0aisDADkDACAGIAJqIQYgBUEBaiEFDAALCwvfAgIGfwJ7IAAhBUEAIQQCQANAIARBAmogAUoN' +
  'ASAFIAJqIQZBACEHAkADQCAHIAJODQEgBSAHaisDAP0UIQogBiAHaisDAP0UIQsgAyAHQQN2IAJsaiEJIAdBcHEhCAJAA0AgCCAC' +
  'Tg0BIAkgCGogCSAIav0AAwAgCiAFIAhq/QADAP3yASALIAYgCGr9AAMA/fIB/fAB/fAB/QsDACAIQRBqIQgMAAsLIAdBCGohBwwA' +
  'CwsgBSACQQF0aiEFIARBAmohBAwACwsCQANAIAQgAU4NASAFIAJqIQZBACEHAkADQCAHIAJODQEgBSAHaisDAP0UIQogAyAHQQN2' +
  'IAJsaiEJIAdBcHEhCAJAA0AgCCACTg0BIAkgCGogCSAIav0AAwAgCiAFIAhq/QADAP3yAf3wAf0LAwAgCEEQaiEIDAALCyAHQQhq' +
  'IQcMAAsLIAUgAmohBSAEQQFqIQQMAAsLC6oBAwN/AXwBeyAAIQhBACEGAkADQCAGIAFODQEgCCADaisDACEJQQAhBwJAA0AgByAD' +
  'Tg0BIAkgCCAHaisDACAEIAdqKwMAoqEhCSAHQQhqIQcMAAsLIAn9FCEKQQAhBwJAA0AgByACTg0BIAUgB2ogBSAHav0AAwAgCCAH' +
  'av0AAwAgCv3yAf3wAf0LAwAgB0EQaiEHDAALCyAIIAJqIQggBkEBaiEGDAALCwt3AgV/AXsgACEHQQAhBQJAA0AgBSABTg0BIAQg' +
  'AyAFQQN0aisDAKogAmxqIQhBACEGAkADQCAGIAJODQEgCCAGaiAIIAZq/QADACAHIAZq/QADAP3wAf0LAwAgBkEQaiEGDAALCyAH' +
  'IAJqIQcgBUEBaiEFDAALCwueAQIFfwF7IAAhCEEAIQYCQANAIAYgAU4NASAFIAMgBkEDdGorAwCqIAJsaiEJIAQgAyAGQQN0aisD' +
  'AKogAmxqIQpBACEHAkADQCAHIAJODQEgCSAHaiAJIAdq/QADACAIIAdq/QADACAKIAdq/QADAP3xASILIAv98gH98AH9CwMAIAdB' +
  'EGohBwwACwsgCCACaiEIIAZBAWohBgwACwsLxwECBn8CfCAAIQwgCCEOQQAhCQJAA0AgCSABTg0BQQAhCkEAIQ0CQANAIAogBE4N' +
  'AUQAAAAAAAAAACEPQQAhCwJAA0AgCyADTg0BIAwgC2orAwAgBSANaiALaisDAKEiECAQoiAGIA1qIAtqKwMAoyAPoCEPIAtBCGoh' +
  'CwwACwsgDiAHIApBA3RqKwMARAAAAAAAAOA/IA+ioTkDACAOQQhqIQ4gDSADaiENIApBAWohCgwACwsgDCACaiEMIAlBAWohCQwA' +
  'CwsLYQEDfyAAIQZBACEEAkADQCAEIAFODQFBACEFAkADQCAFIAJODQEgBiAFaiAGIAVq/QADACADIAVq/QADAP3zAf0LAwAgBUEQ' +
  'aiEFDAALCyAGIAJqIQYgBEEBaiEEDAALCwt3AgN/AXsgACEHQQAhBQJAA0AgBSABTg0BIAMgBUEDdGorAwD9FCEIQQAhBgJAA0Ag' +
  'BiACTg0BIAQgBmogBCAGav0AAwAgByAGav0AAwAgCP3yAf3wAf0LAwAgBkEQaiEGDAALCyAHIAJqIQcgBUEBaiEFDAALCwvgAQIF' +
  'fwF8IAAhCCAFIQlBACEGIANBYHEhCgJAA0AgBiABTg0BIAQgA2orAwAhC0EAIQcCQANAIAcgCk4NASALIAQgB2orAwAgCCAHaisD' +
  'AKIgBCAHaisDCCAIIAdqKwMIoqAgBCAHaisDECAIIAdqKwMQoqAgBCAHaisDGCAIIAdqKwMYoqCgIQsgB0EgaiEHDAALCwJAA0Ag' +
  'ByADTg0BIAsgBCAHaisDACAIIAdqKwMAoqAhCyAHQQhqIQcMAAsLIAkgCzkDACAIIAJqIQggCUEIaiEJIAZBAWohBgwACwsLZQED' +
  'fyAAIQdBACEFAkADQCAFIAFODQFBACEGAkADQCAGIAJODQEgByAGaiAHIAZqKwMAIAMgBmorAwChIAQgBmorAwCjOQMAIAZBCGoh' +
  'BgwACwsgByACaiEHIAVBAWohBQwACwsLqAECBn8BeyAAIQsgByEMQQAhCAJAA0AgCCABTg0BQQAhCgJAA0AgCiAFTg0BIAYgCmr9' +
  'AAMAIQ4gBCAKaiENQQAhCQJAA0AgCSADTg0BIA4gCyAJaisDAP0UIA39AAMA/fIB/fABIQ4gDSAFaiENIAlBCGohCQwACwsgDCAK' +
  'aiAO/QsDACAKQRBqIQoMAAsLIAsgAmohCyAMIAVqIQwgCEEBaiEIDAALCwudBwIKfwx8IAJBA3QhDEEAIQMCQANAIANB5ABODQFE' +
  'AAAAAAAAAAAhDUQAAAAAAAAAACEOQQAhBAJAA0AgBCACTg0BQQAhBQJAA0AgBSACTg0BIAAgBCACbCAFakEDdGorAwAiFSAVoiEW' +
  'IA4gFqAhDiANIBagIA0gBCAFRxshDSAFQQFqIQUMAAsLIARBAWohBAwACwsgDUQAAAAAAAAAAGEgDUQzp6jVI/ZJOSAOomVyDQFB' +
  'ACEGAkADQCAGQQFqIAJODQEgBkEBaiEHAkADQCAHIAJODQECQCAAIAYgAmwgB2pBA3RqKwMAIg9EAAAAAAAAAABhDQBEAAAAAAAA' +
  'WUAgD5miIRAgACAGIAJsIAZqQQN0aisDAJkhFyAAIAcgAmwgB2pBA3RqKwMAmSEYAkAgA0EDSiAXIBCgIBdhcSAYIBCgIBhhcUUN' +
  'ACAAIAYgAmwgB2pBA3RqRAAAAAAAAAAAOQMAIAAgByACbCAGakEDdGpEAAAAAAAAAAA5AwAMAQsgACAHIAJsIAdqQQN0aisDACAA' +
  'IAYgAmwgBmpBA3RqKwMAoUQAAAAAAAAAQCAPoqMhEUQAAAAAAADwv0QAAAAAAADwPyARRAAAAAAAAAAAYxsgEZkgESARokQAAAAA' +
  'AADwP6CfoKMhEkQAAAAAAADwPyASIBKiRAAAAAAAAPA/oJ+jIRMgEiAToiEUIABBACACbCAGakEDdGohCSAAQQAgAmwgB2pBA3Rq' +
  'IQogDCELQQAhCAJAA0AgCCACTg0BIAkrAwAhFSAKKwMAIRYgCSATIBWiIBQgFqKhOQMAIAogFCAVoiATIBaioDkDACAJIAtqIQkg' +
  'CiALaiEKIAhBAWohCAwACwsgACAGIAJsQQBqQQN0aiEJIAAgByACbEEAakEDdGohCkEIIQtBACEIAkADQCAIIAJODQEgCSsDACEV' +
  'IAorAwAhFiAJIBMgFaIgFCAWoqE5AwAgCiAUIBWiIBMgFqKgOQMAIAkgC2ohCSAKIAtqIQogCEEBaiEIDAALCyABQQAgAmwgBmpB' +
  'A3RqIQkgAUEAIAJsIAdqQQN0aiEKIAwhC0EAIQgCQANAIAggAk4NASAJKwMAIRUgCisDACEWIAkgEyAVoiAUIBaioTkDACAKIBQg' +
  'FaIgEyAWoqA5AwAgCSALaiEJIAogC2ohCiAIQQFqIQgMAAsLCyAHQQFqIQcMAAsLIAZBAWohBgwACwsgA0EBaiEDDAALCwvIAQIF' +
  'fwJ8QQAhBQJAA0AgBSADTg0BIAAgBWoiByEIRAAAAAAAAPC/IQtBACEGAkADQCAGIAFODQEgBysDAJkiCiALZCEJIAcgCCAJGyEI' +
  'IAogCyAJGyELIAcgAmohByAGQQFqIQYMAAsLIAgrAwBEAAAAAAAAAABjIQkgBCAFaiAJuDkDACAJBEAgACAFaiEHQQAhBgJAA0Ag' +
  'BiABTg0BIAcgBysDAJo5AwAgByACaiEHIAZBAWohBgwACwsLIAVBCGohBQwACwsL'

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
  jacobi(A: number, V: number, n: number): void
  signflip(x: number, n: number, rb: number, kb: number, flags: number): void
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

/** The end of the last reservation from offset 0: what the latest caller keeps in memory. */
let liveEnd = 0

/**
 * Consecutive 16-byte-aligned regions of the kernels' memory for arrays of these float64 counts, from
 * offset 0 (the previous caller's data is given up), or `above` the previous caller's regions (kept, for
 * a call in the middle of its work); undefined when too large.
 */
export function reserve(kx: Exports, counts: number[], above = false): number[] | undefined {
  const offsets: number[] = []
  let end = above ? liveEnd : 0
  for (const c of counts) {
    offsets.push(end)
    end += Math.ceil(c / 2) * 16
  }
  if (end > MAX_BYTES) return undefined
  if (!above) liveEnd = end
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
