import type { Matrix } from '../pipeline/matrix.js'

// WebAssembly kernels for the O(rows × features) loops of the linear estimators (column sums, centring,
// XᵀX with Xᵀy, X·w, the refinement's Xᵀr), each the JavaScript loop it replaces with the same arithmetic
// in the same order, so bit for bit the same results. Their source is linalg-wasm-source.ts (padre's
// encoder); the bytes are kept here ready-made because building them runs in V8's interpreter on every
// cold start (about 4 ms), and test/estimators/linalg-wasm.test.ts checks that they are that source's.

/** moduleBase64() of linalg-wasm-source.ts. */
export const MODULE =
  'AGFzbQEAAAABfA9gBH9/f38AYAR/f39/AGAEf39/fwBgBX9/f39/AGAEf39/fwBgBn9/f39/fwBgBX9/f39/AGAGf39/f39/AGAJ' +
  'f39/f39/f39/AGAEf39/fwBgBX9/f39/AGAGf39/f39/AGAFf39/f38AYAh/f39/f39/fwBgA39/fwADEA8AAQIDBAUGBwgJCgsM' +
  'DQ4FAwEAAQeWARADbWVtAgAHY29sc3VtcwAABmNlbnRyZQABBnNwcmVhZAACBnNldGNvbAADBGdyYW0ABAhyZXNpZHVhbAAFCWNs' +
  'YXNzc3VtcwAGCmNsYXNzc3FkZXYABwNqbGwACAZkaXZpZGUACQN4dHIACgdsaW5lYXI0AAsLc3RhbmRhcmRpc2UADAZzY29yZXMA' +
  'DQZqYWNvYmkADgrdFw9hAQN/IAAhBkEAIQQCQANAIAQgAU4NAUEAIQUCQANAIAUgAk4NASADIAVqIAMgBWr9AAMAIAYgBWr9AAMA' +
  '/fAB/QsDACAFQRBqIQUMAAsLIAYgAmohBiAEQQFqIQQMAAsLC2EBA38gACEGQQAhBAJAA0AgBCABTg0BQQAhBQJAA0AgBSACTg0B' +
  'IAYgBWogBiAFav0AAwAgAyAFav0AAwD98QH9CwMAIAVBEGohBQwACwsgBiACaiEGIARBAWohBAwACwsLgAEBBH8gAUEBayEEAkAD' +
  'QCAEQQBIDQEgACAEIAJsQQN0aiEGIAAgBCADbEEDdGohByADQQFrIQUCQANAIAVBAEgNASAHIAVBA3RqIAUgAk4EfEQAAAAAAAAA' +
  'AAUgBiAFQQN0aisDAAs5AwAgBUF/aiEFDAALCyAEQX9qIQQMAAsLCzwBAn8gACADaiEGQQAhBQJAA0AgBSABTg0BIAYgBCAFQQN0' +
  'aisDADkDACAGIAJqIQYgBUEBaiEFDAALCwvfAgIGfwJ7IAAhBUEAIQQCQANAIARBAmogAUoNASAFIAJqIQZBACEHAkADQCAHIAJO' +
  'DQEgBSAHaisDAP0UIQogBiAHaisDAP0UIQsgAyAHQQN2IAJsaiEJIAdBcHEhCAJAA0AgCCACTg0BIAkgCGogCSAIav0AAwAgCiAF' +
  'IAhq/QADAP3yASALIAYgCGr9AAMA/fIB/fAB/fAB/QsDACAIQRBqIQgMAAsLIAdBCGohBwwACwsgBSACQQF0aiEFIARBAmohBAwA' +
  'CwsCQANAIAQgAU4NASAFIAJqIQZBACEHAkADQCAHIAJODQEgBSAHaisDAP0UIQogAyAHQQN2IAJsaiEJIAdBcHEhCAJAA0AgCCAC' +
  'Tg0BIAkgCGogCSAIav0AAwAgCiAFIAhq/QADAP3yAf3wAf0LAwAgCEEQaiEIDAALCyAHQQhqIQcMAAsLIAUgAmohBSAEQQFqIQQM' +
  'AAsLC6oBAwN/AXwBeyAAIQhBACEGAkADQCAGIAFODQEgCCADaisDACEJQQAhBwJAA0AgByADTg0BIAkgCCAHaisDACAEIAdqKwMA' +
  'oqEhCSAHQQhqIQcMAAsLIAn9FCEKQQAhBwJAA0AgByACTg0BIAUgB2ogBSAHav0AAwAgCCAHav0AAwAgCv3yAf3wAf0LAwAgB0EQ' +
  'aiEHDAALCyAIIAJqIQggBkEBaiEGDAALCwt3AgV/AXsgACEHQQAhBQJAA0AgBSABTg0BIAQgAyAFQQN0aisDAKogAmxqIQhBACEG' +
  'AkADQCAGIAJODQEgCCAGaiAIIAZq/QADACAHIAZq/QADAP3wAf0LAwAgBkEQaiEGDAALCyAHIAJqIQcgBUEBaiEFDAALCwueAQIF' +
  'fwF7IAAhCEEAIQYCQANAIAYgAU4NASAFIAMgBkEDdGorAwCqIAJsaiEJIAQgAyAGQQN0aisDAKogAmxqIQpBACEHAkADQCAHIAJO' +
  'DQEgCSAHaiAJIAdq/QADACAIIAdq/QADACAKIAdq/QADAP3xASILIAv98gH98AH9CwMAIAdBEGohBwwACwsgCCACaiEIIAZBAWoh' +
  'BgwACwsLxwECBn8CfCAAIQwgCCEOQQAhCQJAA0AgCSABTg0BQQAhCkEAIQ0CQANAIAogBE4NAUQAAAAAAAAAACEPQQAhCwJAA0Ag' +
  'CyADTg0BIAwgC2orAwAgBSANaiALaisDAKEiECAQoiAGIA1qIAtqKwMAoyAPoCEPIAtBCGohCwwACwsgDiAHIApBA3RqKwMARAAA' +
  'AAAAAOA/IA+ioTkDACAOQQhqIQ4gDSADaiENIApBAWohCgwACwsgDCACaiEMIAlBAWohCQwACwsLYQEDfyAAIQZBACEEAkADQCAE' +
  'IAFODQFBACEFAkADQCAFIAJODQEgBiAFaiAGIAVq/QADACADIAVq/QADAP3zAf0LAwAgBUEQaiEFDAALCyAGIAJqIQYgBEEBaiEE' +
  'DAALCwt3AgN/AXsgACEHQQAhBQJAA0AgBSABTg0BIAMgBUEDdGorAwD9FCEIQQAhBgJAA0AgBiACTg0BIAQgBmogBCAGav0AAwAg' +
  'ByAGav0AAwAgCP3yAf3wAf0LAwAgBkEQaiEGDAALCyAHIAJqIQcgBUEBaiEFDAALCwvgAQIFfwF8IAAhCCAFIQlBACEGIANBYHEh' +
  'CgJAA0AgBiABTg0BIAQgA2orAwAhC0EAIQcCQANAIAcgCk4NASALIAQgB2orAwAgCCAHaisDAKIgBCAHaisDCCAIIAdqKwMIoqAg' +
  'BCAHaisDECAIIAdqKwMQoqAgBCAHaisDGCAIIAdqKwMYoqCgIQsgB0EgaiEHDAALCwJAA0AgByADTg0BIAsgBCAHaisDACAIIAdq' +
  'KwMAoqAhCyAHQQhqIQcMAAsLIAkgCzkDACAIIAJqIQggCUEIaiEJIAZBAWohBgwACwsLZQEDfyAAIQdBACEFAkADQCAFIAFODQFB' +
  'ACEGAkADQCAGIAJODQEgByAGaiAHIAZqKwMAIAMgBmorAwChIAQgBmorAwCjOQMAIAZBCGohBgwACwsgByACaiEHIAVBAWohBQwA' +
  'CwsLqAECBn8BeyAAIQsgByEMQQAhCAJAA0AgCCABTg0BQQAhCgJAA0AgCiAFTg0BIAYgCmr9AAMAIQ4gBCAKaiENQQAhCQJAA0Ag' +
  'CSADTg0BIA4gCyAJaisDAP0UIA39AAMA/fIB/fABIQ4gDSAFaiENIAlBCGohCQwACwsgDCAKaiAO/QsDACAKQRBqIQoMAAsLIAsg' +
  'AmohCyAMIAVqIQwgCEEBaiEIDAALCwudBwIKfwx8IAJBA3QhDEEAIQMCQANAIANB5ABODQFEAAAAAAAAAAAhDUQAAAAAAAAAACEO' +
  'QQAhBAJAA0AgBCACTg0BQQAhBQJAA0AgBSACTg0BIAAgBCACbCAFakEDdGorAwAiFSAVoiEWIA4gFqAhDiANIBagIA0gBCAFRxsh' +
  'DSAFQQFqIQUMAAsLIARBAWohBAwACwsgDUQAAAAAAAAAAGEgDUQzp6jVI/ZJOSAOomVyDQFBACEGAkADQCAGQQFqIAJODQEgBkEB' +
  'aiEHAkADQCAHIAJODQECQCAAIAYgAmwgB2pBA3RqKwMAIg9EAAAAAAAAAABhDQBEAAAAAAAAWUAgD5miIRAgACAGIAJsIAZqQQN0' +
  'aisDAJkhFyAAIAcgAmwgB2pBA3RqKwMAmSEYAkAgA0EDSiAXIBCgIBdhcSAYIBCgIBhhcUUNACAAIAYgAmwgB2pBA3RqRAAAAAAA' +
  'AAAAOQMAIAAgByACbCAGakEDdGpEAAAAAAAAAAA5AwAMAQsgACAHIAJsIAdqQQN0aisDACAAIAYgAmwgBmpBA3RqKwMAoUQAAAAA' +
  'AAAAQCAPoqMhEUQAAAAAAADwv0QAAAAAAADwPyARRAAAAAAAAAAAYxsgEZkgESARokQAAAAAAADwP6CfoKMhEkQAAAAAAADwPyAS' +
  'IBKiRAAAAAAAAPA/oJ+jIRMgEiAToiEUIABBACACbCAGakEDdGohCSAAQQAgAmwgB2pBA3RqIQogDCELQQAhCAJAA0AgCCACTg0B' +
  'IAkrAwAhFSAKKwMAIRYgCSATIBWiIBQgFqKhOQMAIAogFCAVoiATIBaioDkDACAJIAtqIQkgCiALaiEKIAhBAWohCAwACwsgACAG' +
  'IAJsQQBqQQN0aiEJIAAgByACbEEAakEDdGohCkEIIQtBACEIAkADQCAIIAJODQEgCSsDACEVIAorAwAhFiAJIBMgFaIgFCAWoqE5' +
  'AwAgCiAUIBWiIBMgFqKgOQMAIAkgC2ohCSAKIAtqIQogCEEBaiEIDAALCyABQQAgAmwgBmpBA3RqIQkgAUEAIAJsIAdqQQN0aiEK' +
  'IAwhC0EAIQgCQANAIAggAk4NASAJKwMAIRUgCisDACEWIAkgEyAVoiAUIBaioTkDACAKIBQgFaIgEyAWoqA5AwAgCSALaiEJIAog' +
  'C2ohCiAIQQFqIQgMAAsLCyAHQQFqIQcMAAsLIAZBAWohBgwACwsgA0EBaiEDDAALCws='

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
