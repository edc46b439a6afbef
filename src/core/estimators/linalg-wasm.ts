import type { Matrix } from '../pipeline/matrix.js'

// WebAssembly kernels for the O(rows × features) loops of the linear estimators (column sums, centring,
// XᵀX with Xᵀy, X·w, the refinement's Xᵀr), each the JavaScript loop it replaces with the same arithmetic
// in the same order, so bit for bit the same results. Their source is linalg-wasm-source.ts (padre's
// encoder); the bytes are kept here ready-made because building them runs in V8's interpreter on every
// cold start (about 4 ms), and test/estimators/linalg-wasm.test.ts checks that they are that source's.

/** moduleBase64() of linalg-wasm-source.ts. */
export const MODULE =
  'AGFzbQEAAAABkQESYAR/f39/AGAEf39/fwBgBH9/f38AYAV/f39/fwBgBH9/f38AYAZ/f39/f38AYAV/f39/fwBgBn9/f39/fwBg' +
  'CX9/f39/f39/fwBgBH9/f38AYAV/f39/fwBgBn9/f39/fwBgBX9/f39/AGAIf39/f39/f38AYAN/f38AYAV/f39/fwBgAXwBfGAF' +
  'f39/f38AAxMSAAECAwQFBgcICQoLDA0ODxARBQMBAAEHsQETA21lbQIAB2NvbHN1bXMAAAZjZW50cmUAAQZzcHJlYWQAAgZzZXRj' +
  'b2wAAwRncmFtAAQIcmVzaWR1YWwABQljbGFzc3N1bXMABgpjbGFzc3NxZGV2AAcDamxsAAgGZGl2aWRlAAkDeHRyAAoHbGluZWFy' +
  'NAALC3N0YW5kYXJkaXNlAAwGc2NvcmVzAA0GamFjb2JpAA4Ic2lnbmZsaXAADwNleHAAEAdzb2Z0bWF4ABEKmiISYQEDfyAAIQZB' +
  'ACEEAkADQCAEIAFODQFBACEFAkADQCAFIAJODQEgAyAFaiADIAVq/QADACAGIAVq/QADAP3wAf0LAwAgBUEQaiEFDAALCyAGIAJq' +
  'IQYgBEEBaiEEDAALCwthAQN/IAAhBkEAIQQCQANAIAQgAU4NAUEAIQUCQANAIAUgAk4NASAGIAVqIAYgBWr9AAMAIAMgBWr9AAMA' +
  '/fEB/QsDACAFQRBqIQUMAAsLIAYgAmohBiAEQQFqIQQMAAsLC4ABAQR/IAFBAWshBAJAA0AgBEEASA0BIAAgBCACbEEDdGohBiAA' +
  'IAQgA2xBA3RqIQcgA0EBayEFAkADQCAFQQBIDQEgByAFQQN0aiAFIAJOBHxEAAAAAAAAAAAFIAYgBUEDdGorAwALOQMAIAVBf2oh' +
  'BQwACwsgBEF/aiEEDAALCws8AQJ/IAAgA2ohBkEAIQUCQANAIAUgAU4NASAGIAQgBUEDdGorAwA5AwAgBiACaiEGIAVBAWohBQwA' +
  'CwsL3wICBn8CeyAAIQVBACEEAkADQCAEQQJqIAFKDQEgBSACaiEGQQAhBwJAA0AgByACTg0BIAUgB2orAwD9FCEKIAYgB2orAwD9' +
  'FCELIAMgB0EDdiACbGohCSAHQXBxIQgCQANAIAggAk4NASAJIAhqIAkgCGr9AAMAIAogBSAIav0AAwD98gEgCyAGIAhq/QADAP3y' +
  'Af3wAf3wAf0LAwAgCEEQaiEIDAALCyAHQQhqIQcMAAsLIAUgAkEBdGohBSAEQQJqIQQMAAsLAkADQCAEIAFODQEgBSACaiEGQQAh' +
  'BwJAA0AgByACTg0BIAUgB2orAwD9FCEKIAMgB0EDdiACbGohCSAHQXBxIQgCQANAIAggAk4NASAJIAhqIAkgCGr9AAMAIAogBSAI' +
  'av0AAwD98gH98AH9CwMAIAhBEGohCAwACwsgB0EIaiEHDAALCyAFIAJqIQUgBEEBaiEEDAALCwuqAQMDfwF8AXsgACEIQQAhBgJA' +
  'A0AgBiABTg0BIAggA2orAwAhCUEAIQcCQANAIAcgA04NASAJIAggB2orAwAgBCAHaisDAKKhIQkgB0EIaiEHDAALCyAJ/RQhCkEA' +
  'IQcCQANAIAcgAk4NASAFIAdqIAUgB2r9AAMAIAggB2r9AAMAIAr98gH98AH9CwMAIAdBEGohBwwACwsgCCACaiEIIAZBAWohBgwA' +
  'CwsLdwIFfwF7IAAhB0EAIQUCQANAIAUgAU4NASAEIAMgBUEDdGorAwCqIAJsaiEIQQAhBgJAA0AgBiACTg0BIAggBmogCCAGav0A' +
  'AwAgByAGav0AAwD98AH9CwMAIAZBEGohBgwACwsgByACaiEHIAVBAWohBQwACwsLngECBX8BeyAAIQhBACEGAkADQCAGIAFODQEg' +
  'BSADIAZBA3RqKwMAqiACbGohCSAEIAMgBkEDdGorAwCqIAJsaiEKQQAhBwJAA0AgByACTg0BIAkgB2ogCSAHav0AAwAgCCAHav0A' +
  'AwAgCiAHav0AAwD98QEiCyAL/fIB/fAB/QsDACAHQRBqIQcMAAsLIAggAmohCCAGQQFqIQYMAAsLC8cBAgZ/AnwgACEMIAghDkEA' +
  'IQkCQANAIAkgAU4NAUEAIQpBACENAkADQCAKIARODQFEAAAAAAAAAAAhD0EAIQsCQANAIAsgA04NASAMIAtqKwMAIAUgDWogC2or' +
  'AwChIhAgEKIgBiANaiALaisDAKMgD6AhDyALQQhqIQsMAAsLIA4gByAKQQN0aisDAEQAAAAAAADgPyAPoqE5AwAgDkEIaiEOIA0g' +
  'A2ohDSAKQQFqIQoMAAsLIAwgAmohDCAJQQFqIQkMAAsLC2EBA38gACEGQQAhBAJAA0AgBCABTg0BQQAhBQJAA0AgBSACTg0BIAYg' +
  'BWogBiAFav0AAwAgAyAFav0AAwD98wH9CwMAIAVBEGohBQwACwsgBiACaiEGIARBAWohBAwACwsLdwIDfwF7IAAhB0EAIQUCQANA' +
  'IAUgAU4NASADIAVBA3RqKwMA/RQhCEEAIQYCQANAIAYgAk4NASAEIAZqIAQgBmr9AAMAIAcgBmr9AAMAIAj98gH98AH9CwMAIAZB' +
  'EGohBgwACwsgByACaiEHIAVBAWohBQwACwsL4AECBX8BfCAAIQggBSEJQQAhBiADQWBxIQoCQANAIAYgAU4NASAEIANqKwMAIQtB' +
  'ACEHAkADQCAHIApODQEgCyAEIAdqKwMAIAggB2orAwCiIAQgB2orAwggCCAHaisDCKKgIAQgB2orAxAgCCAHaisDEKKgIAQgB2or' +
  'AxggCCAHaisDGKKgoCELIAdBIGohBwwACwsCQANAIAcgA04NASALIAQgB2orAwAgCCAHaisDAKKgIQsgB0EIaiEHDAALCyAJIAs5' +
  'AwAgCCACaiEIIAlBCGohCSAGQQFqIQYMAAsLC2UBA38gACEHQQAhBQJAA0AgBSABTg0BQQAhBgJAA0AgBiACTg0BIAcgBmogByAG' +
  'aisDACADIAZqKwMAoSAEIAZqKwMAozkDACAGQQhqIQYMAAsLIAcgAmohByAFQQFqIQUMAAsLC6gBAgZ/AXsgACELIAchDEEAIQgC' +
  'QANAIAggAU4NAUEAIQoCQANAIAogBU4NASAGIApq/QADACEOIAQgCmohDUEAIQkCQANAIAkgA04NASAOIAsgCWorAwD9FCAN/QAD' +
  'AP3yAf3wASEOIA0gBWohDSAJQQhqIQkMAAsLIAwgCmogDv0LAwAgCkEQaiEKDAALCyALIAJqIQsgDCAFaiEMIAhBAWohCAwACwsL' +
  'nQcCCn8MfCACQQN0IQxBACEDAkADQCADQeQATg0BRAAAAAAAAAAAIQ1EAAAAAAAAAAAhDkEAIQQCQANAIAQgAk4NAUEAIQUCQANA' +
  'IAUgAk4NASAAIAQgAmwgBWpBA3RqKwMAIhUgFaIhFiAOIBagIQ4gDSAWoCANIAQgBUcbIQ0gBUEBaiEFDAALCyAEQQFqIQQMAAsL' +
  'IA1EAAAAAAAAAABhIA1EM6eo1SP2STkgDqJlcg0BQQAhBgJAA0AgBkEBaiACTg0BIAZBAWohBwJAA0AgByACTg0BAkAgACAGIAJs' +
  'IAdqQQN0aisDACIPRAAAAAAAAAAAYQ0ARAAAAAAAAFlAIA+ZoiEQIAAgBiACbCAGakEDdGorAwCZIRcgACAHIAJsIAdqQQN0aisD' +
  'AJkhGAJAIANBA0ogFyAQoCAXYXEgGCAQoCAYYXFFDQAgACAGIAJsIAdqQQN0akQAAAAAAAAAADkDACAAIAcgAmwgBmpBA3RqRAAA' +
  'AAAAAAAAOQMADAELIAAgByACbCAHakEDdGorAwAgACAGIAJsIAZqQQN0aisDAKFEAAAAAAAAAEAgD6KjIRFEAAAAAAAA8L9EAAAA' +
  'AAAA8D8gEUQAAAAAAAAAAGMbIBGZIBEgEaJEAAAAAAAA8D+gn6CjIRJEAAAAAAAA8D8gEiASokQAAAAAAADwP6CfoyETIBIgE6Ih' +
  'FCAAQQAgAmwgBmpBA3RqIQkgAEEAIAJsIAdqQQN0aiEKIAwhC0EAIQgCQANAIAggAk4NASAJKwMAIRUgCisDACEWIAkgEyAVoiAU' +
  'IBaioTkDACAKIBQgFaIgEyAWoqA5AwAgCSALaiEJIAogC2ohCiAIQQFqIQgMAAsLIAAgBiACbEEAakEDdGohCSAAIAcgAmxBAGpB' +
  'A3RqIQpBCCELQQAhCAJAA0AgCCACTg0BIAkrAwAhFSAKKwMAIRYgCSATIBWiIBQgFqKhOQMAIAogFCAVoiATIBaioDkDACAJIAtq' +
  'IQkgCiALaiEKIAhBAWohCAwACwsgAUEAIAJsIAZqQQN0aiEJIAFBACACbCAHakEDdGohCiAMIQtBACEIAkADQCAIIAJODQEgCSsD' +
  'ACEVIAorAwAhFiAJIBMgFaIgFCAWoqE5AwAgCiAUIBWiIBMgFqKgOQMAIAkgC2ohCSAKIAtqIQogCEEBaiEIDAALCwsgB0EBaiEH' +
  'DAALCyAGQQFqIQYMAAsLIANBAWohAwwACwsLyAECBX8CfEEAIQUCQANAIAUgA04NASAAIAVqIgchCEQAAAAAAADwvyELQQAhBgJA' +
  'A0AgBiABTg0BIAcrAwCZIgogC2QhCSAHIAggCRshCCAKIAsgCRshCyAHIAJqIQcgBkEBaiEGDAALCyAIKwMARAAAAAAAAAAAYyEJ' +
  'IAQgBWogCbg5AwAgCQRAIAAgBWohB0EAIQYCQANAIAYgAU4NASAHIAcrAwCaOQMAIAcgAmohByAGQQFqIQYMAAsLCyAFQQhqIQUM' +
  'AAsLC6UFAwN/BnwBfiAAvSEKIApCIIinIQEgAUEfdiECIAFB/////wdxIQEgAUHC3JiEBE8EQCABQYCAwP8HTwRAIAFB//8/cSAK' +
  'p3IEQCAAIACgDwsgAEQAAAAAAAAAACACRRsPCyAARO85+v5CLoZAZARARJx1AIg85Dd+RJx1AIg85Dd+og8LIABEUTAt1RBJh8Bj' +
  'BEBEAAAAAAAAcAFEAAAAAAAAcAGiDwsLIAFBwtzY/gNLBEAgAUGyxcL/A0kEQCAARAAAAAAAAPA/YQRARGlXFIsKvwVADwsgAEQA' +
  'AOD+Qi7mv0QAAOD+Qi7mPyACG6EhBER2PHk17znqvUR2PHk17znqPSACGyEFQQEgAmsgAmshAwVE/oIrZUcV9z8gAKJEAAAAAAAA' +
  '4L9EAAAAAAAA4D8gAhugqiEDIAO3IQcgACAHRAAA4P5CLuY/oqEhBCAHRHY8eTXvOeo9oiEFCyAEIAWhIQAFIAFBgIDA8QNJBEBE' +
  'nHUAiDzkN34gAKBEAAAAAAAA8D9kBEBEAAAAAAAA8D8gAKAPCwtBACEDCyAAIACiIQcgA0GDeE4EQEGAgMD/AyADQRR0aq1CIIa/' +
  'IQkFQYCAwP8DIANB6AdqQRR0aq1CIIa/IQkLIAAgB0Q+VVVVVVXFPyAHRJO9vhZswWa/IAdELN4lr2pWET8gB0Txa9LFQb27viAH' +
  'RNCkvnJpN2Y+oqCioKKgoqCioSEGIANFBEBEAAAAAAAA8D8gACAGoiAGRAAAAAAAAABAoaMgAKGhDwtEAAAAAAAA8D8gBSAAIAai' +
  'RAAAAAAAAABAIAaho6EgBKGhIQggA0GDeE4EQCADQYAIRgRAIAhEAAAAAAAAAECiRAAAAAAAAOB/og8LIAggCaIPCyAIIAmiRAAA' +
  'AAAAAHABogvKAwIGfwZ8IAFBA3QhCSAEKwMAIQsgBCsDCCEMIAQrAxCqIQUgBEQAAAAAAAAAADkDGAJAA0AgBSABTg0BIAAgBUED' +
  'dGohCkEAIQdBASEGAkADQCAGIAJODQEgCiAGIAlsaisDACAKIAcgCWxqKwMAZARAIAYhBwsgBkEBaiEGDAALCyAKIAcgCWxqKwMA' +
  'IQ0gAyAFQQN0aisDAKohCCALIA0gCiAIIAlsaisDAKGgIQtEAAAAAAAAAAAhDkEAIQYCQANAIAYgAk4NASAGIAdGBHxEAAAAAAAA' +
  '8D8FIAogBiAJbGorAwAgDaEQEAshDyAKIAYgCWxqIA85AwAgDiAPoCEOIAZBAWohBgwACwsgDCAOoiEMRAAAAAAAAPA/IA6jIRBB' +
  'ACEGAkADQCAGIAJODQEgCiAGIAlsaiAKIAYgCWxqKwMAIBCiOQMAIAZBAWohBgwACwsgCiAIIAlsaiAKIAggCWxqKwMARAAAAAAA' +
  'APA/oTkDACAFQQFqIQUgDERwrIpm/KARemQEQCAEIAs5AwAgBCAMOQMIIAQgBbc5AxAgBEQAAAAAAADwPzkDGA8LDAALCyAEIAs5' +
  'AwAgBCAMOQMIIAQgBbc5AxAL'

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
  exp(x: number): number
  softmax(z: number, n: number, K: number, labels: number, state: number): void
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
