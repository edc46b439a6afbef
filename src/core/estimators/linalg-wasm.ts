import type { Matrix } from '../pipeline/matrix.js'

// WebAssembly kernels for the O(rows × features) loops of the linear estimators (ridge, linearRegression,
// pca, standardScaler, gaussianNB, logisticRegression), each the JavaScript loop it replaces with the same
// arithmetic in the same order, so bit for bit the same results; the entry points below return undefined
// where the kernels are unavailable (the callers then run their JavaScript loops). The kernels' source is
// linalg-wasm-source.ts (padre's encoder); the bytes are kept here ready-made because building them runs in
// V8's interpreter on every cold start (about 4 ms), and test/estimators/linalg-wasm.test.ts checks that
// they are that source's. One module for all of it: each ES module costs ~0.6–1.3 ms of a cold start.

/** moduleBase64() of linalg-wasm-source.ts. */
export const MODULE =
  'AGFzbQEAAAABpgEVYAR/f39/AGAEf39/fwBgBX9/f39/AGAFf39/f38AYAR/f39/AGAGf39/f39/AGAFf39/f38AYAZ/f39/f38A' +
  'YAl/f39/f39/f38AYAR/f39/AGAFf39/f38AYAZ/f39/f38AYAV/f39/fwBgCH9/f39/f39/AGADf39/AGAFf39/f38AYAF8AXxg' +
  'BX9/f39/AGABfAF8YAR/f39/AGAEf39/fwF/AxYVAAECAwQFBgcICQoLDA0ODxAREhMUBQMBAAEHzgEWA21lbQIAB2NvbHN1bXMA' +
  'AAZjZW50cmUAAQZzcHJlYWQAAgZzZXRjb2wAAwRncmFtAAQIcmVzaWR1YWwABQljbGFzc3N1bXMABgpjbGFzc3NxZGV2AAcDamxs' +
  'AAgGZGl2aWRlAAkDeHRyAAoHbGluZWFyNAALC3N0YW5kYXJkaXNlAAwGc2NvcmVzAA0GamFjb2JpAA4Ic2lnbmZsaXAADwNleHAA' +
  'EAdzb2Z0bWF4ABEDbG9nABIHbmJwcm9iYQATCmNsYXNzY291bnQAFArZKxVhAQN/IAAhBkEAIQQCQANAIAQgAU4NAUEAIQUCQANA' +
  'IAUgAk4NASADIAVqIAMgBWr9AAMAIAYgBWr9AAMA/fAB/QsDACAFQRBqIQUMAAsLIAYgAmohBiAEQQFqIQQMAAsLC2EBA38gACEG' +
  'QQAhBAJAA0AgBCABTg0BQQAhBQJAA0AgBSACTg0BIAYgBWogBiAFav0AAwAgAyAFav0AAwD98QH9CwMAIAVBEGohBQwACwsgBiAC' +
  'aiEGIARBAWohBAwACwsL0AEBBH8gAUEBayEFAkADQCAFQQBIDQEgACAFIAJsQQN0aiEHIAAgBSADbEEDdGohCCACQQFrQX5xIQYC' +
  'QANAIAZBAEgNASAIIAZBA3RqIAcgBkEDdGr9AAMA/QsDACAGQX5qIQYMAAsLIAIhBiAIIAZBA3RqIARBAEgEfEQAAAAAAAAAAAUg' +
  'BCAFQQN0aisDAAs5AwAgBkEBaiEGAkADQCAGIANODQEgCCAGQQN0akQAAAAAAAAAADkDACAGQQFqIQYMAAsLIAVBf2ohBQwACwsL' +
  'PAECfyAAIANqIQZBACEFAkADQCAFIAFODQEgBiAEIAVBA3RqKwMAOQMAIAYgAmohBiAFQQFqIQUMAAsLC98CAgZ/AnsgACEFQQAh' +
  'BAJAA0AgBEECaiABSg0BIAUgAmohBkEAIQcCQANAIAcgAk4NASAFIAdqKwMA/RQhCiAGIAdqKwMA/RQhCyADIAdBA3YgAmxqIQkg' +
  'B0FwcSEIAkADQCAIIAJODQEgCSAIaiAJIAhq/QADACAKIAUgCGr9AAMA/fIBIAsgBiAIav0AAwD98gH98AH98AH9CwMAIAhBEGoh' +
  'CAwACwsgB0EIaiEHDAALCyAFIAJBAXRqIQUgBEECaiEEDAALCwJAA0AgBCABTg0BIAUgAmohBkEAIQcCQANAIAcgAk4NASAFIAdq' +
  'KwMA/RQhCiADIAdBA3YgAmxqIQkgB0FwcSEIAkADQCAIIAJODQEgCSAIaiAJIAhq/QADACAKIAUgCGr9AAMA/fIB/fAB/QsDACAI' +
  'QRBqIQgMAAsLIAdBCGohBwwACwsgBSACaiEFIARBAWohBAwACwsLqgEDA38BfAF7IAAhCEEAIQYCQANAIAYgAU4NASAIIANqKwMA' +
  'IQlBACEHAkADQCAHIANODQEgCSAIIAdqKwMAIAQgB2orAwCioSEJIAdBCGohBwwACwsgCf0UIQpBACEHAkADQCAHIAJODQEgBSAH' +
  'aiAFIAdq/QADACAIIAdq/QADACAK/fIB/fAB/QsDACAHQRBqIQcMAAsLIAggAmohCCAGQQFqIQYMAAsLC3cCBX8BeyAAIQdBACEF' +
  'AkADQCAFIAFODQEgBCADIAVBA3RqKwMAqiACbGohCEEAIQYCQANAIAYgAk4NASAIIAZqIAggBmr9AAMAIAcgBmr9AAMA/fAB/QsD' +
  'ACAGQRBqIQYMAAsLIAcgAmohByAFQQFqIQUMAAsLC54BAgV/AXsgACEIQQAhBgJAA0AgBiABTg0BIAUgAyAGQQN0aisDAKogAmxq' +
  'IQkgBCADIAZBA3RqKwMAqiACbGohCkEAIQcCQANAIAcgAk4NASAJIAdqIAkgB2r9AAMAIAggB2r9AAMAIAogB2r9AAMA/fEBIgsg' +
  'C/3yAf3wAf0LAwAgB0EQaiEHDAALCyAIIAJqIQggBkEBaiEGDAALCwvHAQIGfwJ8IAAhDCAIIQ5BACEJAkADQCAJIAFODQFBACEK' +
  'QQAhDQJAA0AgCiAETg0BRAAAAAAAAAAAIQ9BACELAkADQCALIANODQEgDCALaisDACAFIA1qIAtqKwMAoSIQIBCiIAYgDWogC2or' +
  'AwCjIA+gIQ8gC0EIaiELDAALCyAOIAcgCkEDdGorAwBEAAAAAAAA4D8gD6KhOQMAIA5BCGohDiANIANqIQ0gCkEBaiEKDAALCyAM' +
  'IAJqIQwgCUEBaiEJDAALCwthAQN/IAAhBkEAIQQCQANAIAQgAU4NAUEAIQUCQANAIAUgAk4NASAGIAVqIAYgBWr9AAMAIAMgBWr9' +
  'AAMA/fMB/QsDACAFQRBqIQUMAAsLIAYgAmohBiAEQQFqIQQMAAsLC3cCA38BeyAAIQdBACEFAkADQCAFIAFODQEgAyAFQQN0aisD' +
  'AP0UIQhBACEGAkADQCAGIAJODQEgBCAGaiAEIAZq/QADACAHIAZq/QADACAI/fIB/fAB/QsDACAGQRBqIQYMAAsLIAcgAmohByAF' +
  'QQFqIQUMAAsLC+ABAgV/AXwgACEIIAUhCUEAIQYgA0FgcSEKAkADQCAGIAFODQEgBCADaisDACELQQAhBwJAA0AgByAKTg0BIAsg' +
  'BCAHaisDACAIIAdqKwMAoiAEIAdqKwMIIAggB2orAwiioCAEIAdqKwMQIAggB2orAxCioCAEIAdqKwMYIAggB2orAxiioKAhCyAH' +
  'QSBqIQcMAAsLAkADQCAHIANODQEgCyAEIAdqKwMAIAggB2orAwCioCELIAdBCGohBwwACwsgCSALOQMAIAggAmohCCAJQQhqIQkg' +
  'BkEBaiEGDAALCwtlAQN/IAAhB0EAIQUCQANAIAUgAU4NAUEAIQYCQANAIAYgAk4NASAHIAZqIAcgBmorAwAgAyAGaisDAKEgBCAG' +
  'aisDAKM5AwAgBkEIaiEGDAALCyAHIAJqIQcgBUEBaiEFDAALCwuoAQIGfwF7IAAhCyAHIQxBACEIAkADQCAIIAFODQFBACEKAkAD' +
  'QCAKIAVODQEgBiAKav0AAwAhDiAEIApqIQ1BACEJAkADQCAJIANODQEgDiALIAlqKwMA/RQgDf0AAwD98gH98AEhDiANIAVqIQ0g' +
  'CUEIaiEJDAALCyAMIApqIA79CwMAIApBEGohCgwACwsgCyACaiELIAwgBWohDCAIQQFqIQgMAAsLC50HAgp/DHwgAkEDdCEMQQAh' +
  'AwJAA0AgA0HkAE4NAUQAAAAAAAAAACENRAAAAAAAAAAAIQ5BACEEAkADQCAEIAJODQFBACEFAkADQCAFIAJODQEgACAEIAJsIAVq' +
  'QQN0aisDACIVIBWiIRYgDiAWoCEOIA0gFqAgDSAEIAVHGyENIAVBAWohBQwACwsgBEEBaiEEDAALCyANRAAAAAAAAAAAYSANRDOn' +
  'qNUj9kk5IA6iZXINAUEAIQYCQANAIAZBAWogAk4NASAGQQFqIQcCQANAIAcgAk4NAQJAIAAgBiACbCAHakEDdGorAwAiD0QAAAAA' +
  'AAAAAGENAEQAAAAAAABZQCAPmaIhECAAIAYgAmwgBmpBA3RqKwMAmSEXIAAgByACbCAHakEDdGorAwCZIRgCQCADQQNKIBcgEKAg' +
  'F2FxIBggEKAgGGFxRQ0AIAAgBiACbCAHakEDdGpEAAAAAAAAAAA5AwAgACAHIAJsIAZqQQN0akQAAAAAAAAAADkDAAwBCyAAIAcg' +
  'AmwgB2pBA3RqKwMAIAAgBiACbCAGakEDdGorAwChRAAAAAAAAABAIA+ioyERRAAAAAAAAPC/RAAAAAAAAPA/IBFEAAAAAAAAAABj' +
  'GyARmSARIBGiRAAAAAAAAPA/oJ+goyESRAAAAAAAAPA/IBIgEqJEAAAAAAAA8D+gn6MhEyASIBOiIRQgAEEAIAJsIAZqQQN0aiEJ' +
  'IABBACACbCAHakEDdGohCiAMIQtBACEIAkADQCAIIAJODQEgCSsDACEVIAorAwAhFiAJIBMgFaIgFCAWoqE5AwAgCiAUIBWiIBMg' +
  'FqKgOQMAIAkgC2ohCSAKIAtqIQogCEEBaiEIDAALCyAAIAYgAmxBAGpBA3RqIQkgACAHIAJsQQBqQQN0aiEKQQghC0EAIQgCQANA' +
  'IAggAk4NASAJKwMAIRUgCisDACEWIAkgEyAVoiAUIBaioTkDACAKIBQgFaIgEyAWoqA5AwAgCSALaiEJIAogC2ohCiAIQQFqIQgM' +
  'AAsLIAFBACACbCAGakEDdGohCSABQQAgAmwgB2pBA3RqIQogDCELQQAhCAJAA0AgCCACTg0BIAkrAwAhFSAKKwMAIRYgCSATIBWi' +
  'IBQgFqKhOQMAIAogFCAVoiATIBaioDkDACAJIAtqIQkgCiALaiEKIAhBAWohCAwACwsLIAdBAWohBwwACwsgBkEBaiEGDAALCyAD' +
  'QQFqIQMMAAsLC8gBAgV/AnxBACEFAkADQCAFIANODQEgACAFaiIHIQhEAAAAAAAA8L8hC0EAIQYCQANAIAYgAU4NASAHKwMAmSIK' +
  'IAtkIQkgByAIIAkbIQggCiALIAkbIQsgByACaiEHIAZBAWohBgwACwsgCCsDAEQAAAAAAAAAAGMhCSAEIAVqIAm4OQMAIAkEQCAA' +
  'IAVqIQdBACEGAkADQCAGIAFODQEgByAHKwMAmjkDACAHIAJqIQcgBkEBaiEGDAALCwsgBUEIaiEFDAALCwulBQMDfwZ8AX4gAL0h' +
  'CiAKQiCIpyEBIAFBH3YhAiABQf////8HcSEBIAFBwtyYhARPBEAgAUGAgMD/B08EQCABQf//P3EgCqdyBEAgACAAoA8LIABEAAAA' +
  'AAAAAAAgAkUbDwsgAETvOfr+Qi6GQGQEQEScdQCIPOQ3fkScdQCIPOQ3fqIPCyAARFEwLdUQSYfAYwRARAAAAAAAAHABRAAAAAAA' +
  'AHABog8LCyABQcLc2P4DSwRAIAFBssXC/wNJBEAgAEQAAAAAAADwP2EEQERpVxSLCr8FQA8LIABEAADg/kIu5r9EAADg/kIu5j8g' +
  'AhuhIQREdjx5Ne856r1Edjx5Ne856j0gAhshBUEBIAJrIAJrIQMFRP6CK2VHFfc/IACiRAAAAAAAAOC/RAAAAAAAAOA/IAIboKoh' +
  'AyADtyEHIAAgB0QAAOD+Qi7mP6KhIQQgB0R2PHk17znqPaIhBQsgBCAFoSEABSABQYCAwPEDSQRARJx1AIg85Dd+IACgRAAAAAAA' +
  'APA/ZARARAAAAAAAAPA/IACgDwsLQQAhAwsgACAAoiEHIANBg3hOBEBBgIDA/wMgA0EUdGqtQiCGvyEJBUGAgMD/AyADQegHakEU' +
  'dGqtQiCGvyEJCyAAIAdEPlVVVVVVxT8gB0STvb4WbMFmvyAHRCzeJa9qVhE/IAdE8WvSxUG9u74gB0TQpL5yaTdmPqKgoqCioKKg' +
  'oqEhBiADRQRARAAAAAAAAPA/IAAgBqIgBkQAAAAAAAAAQKGjIAChoQ8LRAAAAAAAAPA/IAUgACAGokQAAAAAAAAAQCAGoaOhIASh' +
  'oSEIIANBg3hOBEAgA0GACEYEQCAIRAAAAAAAAABAokQAAAAAAADgf6IPCyAIIAmiDwsgCCAJokQAAAAAAABwAaILygMCBn8GfCAB' +
  'QQN0IQkgBCsDACELIAQrAwghDCAEKwMQqiEFIAREAAAAAAAAAAA5AxgCQANAIAUgAU4NASAAIAVBA3RqIQpBACEHQQEhBgJAA0Ag' +
  'BiACTg0BIAogBiAJbGorAwAgCiAHIAlsaisDAGQEQCAGIQcLIAZBAWohBgwACwsgCiAHIAlsaisDACENIAMgBUEDdGorAwCqIQgg' +
  'CyANIAogCCAJbGorAwChoCELRAAAAAAAAAAAIQ5BACEGAkADQCAGIAJODQEgBiAHRgR8RAAAAAAAAPA/BSAKIAYgCWxqKwMAIA2h' +
  'EBALIQ8gCiAGIAlsaiAPOQMAIA4gD6AhDiAGQQFqIQYMAAsLIAwgDqIhDEQAAAAAAADwPyAOoyEQQQAhBgJAA0AgBiACTg0BIAog' +
  'BiAJbGogCiAGIAlsaisDACAQojkDACAGQQFqIQYMAAsLIAogCCAJbGogCiAIIAlsaisDAEQAAAAAAADwP6E5AwAgBUEBaiEFIAxE' +
  'cKyKZvygEXpkBEAgBCALOQMAIAQgDDkDCCAEIAW3OQMQIAREAAAAAAAA8D85AxgPCwwACwsgBCALOQMAIAQgDDkDCCAEIAW3OQMQ' +
  'C7QFAwR/CXwBfiAAvSEOIA5CIIinIQFBACECIAFBgIDAAEgEQCABQf////8HcSAOp3JFBEBEAAAAAAAAUMNEAAAAAAAAAACjDwsg' +
  'AUEASARAIAAgAKFEAAAAAAAAAACjDwtBSiECIABEAAAAAAAAUEOiIQAgAL0hDiAOQiCIpyEBCyABQYCAwP8HTgRAIAAgAKAPCyAC' +
  'IAFBFHVB/wdraiECIAFB//8/cSEBIAFB5L4lakGAgMAAcSEDIAEgA0GAgMD/A3NyrUIghiAOp62EvyEAIAIgA0EUdWohAiAARAAA' +
  'AAAAAPA/oSEFQf//P0ECIAFqcUEDSARAIAVEAAAAAAAAAABhBEAgAkUEQEQAAAAAAAAAAA8LIAK3IQwgDEQAAOD+Qi7mP6IgDER2' +
  'PHk17znqPaKgDwsgBSAFokQAAAAAAADgP0RVVVVVVVXVPyAFoqGiIQggAkUEQCAFIAihDwsgArchDCAMRAAA4P5CLuY/oiAIIAxE' +
  'djx5Ne856j2ioSAFoaEPCyAFRAAAAAAAAABAIAWgoyEGIAK3IQwgBiAGoiEHIAFB+qgYayEDIAcgB6IhCUHR8BogAWshBCAJRAT6' +
  'l5mZmdk/IAlEr3iOHcVxzD8gCUSfxnjQCZrDP6KgoqCiIQogB0STVVVVVVXlPyAJRFmTIpQkSdI/IAlE3gPLlmRGxz8gCUREUj7f' +
  'EvHCP6KgoqCioKIhCyADIARyIQMgCyAKoCEIIANBAEoEQEQAAAAAAADgPyAFoiAFoiENIAJFBEAgBSANIAYgDSAIoKKhoQ8LIAxE' +
  'AADg/kIu5j+iIA0gBiANIAigoiAMRHY8eTXvOeo9oqChIAWhoQ8LIAJFBEAgBSAGIAUgCKGioQ8LIAxEAADg/kIu5j+iIAYgBSAI' +
  'oaIgDER2PHk17znqPaKhIAWhoQusAgIEfwR8IAAhB0EAIQQCQANAIAQgAU4NAUEAIQZBASEFAkADQCAFIAJODQEgByAFQQN0aisD' +
  'ACAHIAZBA3RqKwMAZARAIAUhBgsgBUEBaiEFDAALCyADIARBA3RqIAa3OQMARAAAAAAAAPD/IQhBACEFAkADQCAFIAJODQEgByAF' +
  'QQN0aisDACILIAhkBEAgCyEICyAFQQFqIQUMAAsLRAAAAAAAAAAAIQlBACEFAkADQCAFIAJODQEgCSAHIAVBA3RqKwMAIAihEBCg' +
  'IQkgBUEBaiEFDAALCyAIIAkQEqAhCkEAIQUCQANAIAUgAk4NASAHIAVBA3RqIAcgBUEDdGorAwAgCqEQEDkDACAFQQFqIQUMAAsL' +
  'IAcgAkEDdGohByAEQQFqIQQMAAsLC4kBAgR/AXxBACEEQQAhBgJAA0AgBCABTg0BIAAgBEEDdGorAwAhCCAIIAidYSAIRAAAAAAA' +
  'AAAAZnEgCCADt2NxRQRAQX8PCyAIqiEFIAIgBUEDdGohByAHIAcrAwBEAAAAAAAA8D+gOQMAIAVBAWogBkoEQCAFQQFqIQYLIARB' +
  'AWohBAwACwsgBgs='

export interface Exports {
  mem: WebAssembly.Memory
  colsums(x: number, n: number, rb: number, out: number): void
  centre(x: number, n: number, rb: number, m: number): void
  spread(x: number, n: number, p: number, P: number, y: number): void
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
  log(x: number): number
  nbproba(o: number, n: number, K: number, pred: number): void
  classcount(y: number, n: number, counts: number, cap: number): number
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
  if (y) heap.set(y, yAt / 8)
  if (width !== X.cols) kx.spread(0, X.rows, X.cols, width, y ? yAt : -1)
}

/** The column sums of the loaded rows (in row order, as linalg's columnMeans adds them), width values at sumsAt. */
export function columnSums(kx: Exports, n: number, width: number, sumsAt: number): Float64Array {
  new Float64Array(kx.mem.buffer).fill(0, sumsAt / 8, sumsAt / 8 + width)
  kx.colsums(0, n, width * 8, sumsAt)
  return new Float64Array(kx.mem.buffer, sumsAt, width)
}

// ---- the estimators' entry points ----

// linalg's column means, centred normal equations, residual correlation, Gram matrix and X·w through
// the WebAssembly kernels, with the same results bit for bit; each returns undefined where the kernels
// are unavailable (the caller runs the JavaScript loops). The rows stay in the kernels' memory only
// until the next call of any of these.

/**
 * G += XᵀX over the n loaded rows, in calls of GRAM_CHUNK rows (even, so the rows pair up as in one
 * call): V8 runs a long first call in Liftoff's code to its end, while over several calls it swaps in
 * its optimised code once that is compiled (7,500 × 22 first call: ~2.8 ms CPU in one call, ~1.8 in
 * calls of 1,000 rows; warm ~0.5 either way).
 */
function gramInChunks(kx: Exports, n: number, rb: number, gAt: number): void {
  for (let i = 0; i < n; i += GRAM_CHUNK) kx.gram(i * rb, Math.min(GRAM_CHUNK, n - i), rb, gAt)
}
const GRAM_CHUNK = 1024

/** Bytes the scores kernel needs for k outputs of p features over n rows (weights, biases, output). */
const scoreCounts = (n: number, p: number, k: number): number[] => [p * evenWidth(k), evenWidth(k), n * evenWidth(k), k]

/**
 * b[c] + Σ_j x[i][j]·W[c·stride + j] (feature order) for the n rows loaded at offset 0, rb bytes apart:
 * n × k, row-major. at: the three regions of scoreCounts.
 */
function scoresOfLoaded(kx: Exports, n: number, rb: number, p: number, W: Float64Array, stride: number, k: number, b: (c: number) => number, [wAt, bAt, outAt]: number[], flagsAt?: number): Float64Array<ArrayBuffer> {
  const K = evenWidth(k)
  const heap = new Float64Array(kx.mem.buffer)
  heap.fill(0, wAt / 8, wAt / 8 + p * K)
  heap.fill(0, bAt / 8, bAt / 8 + K)
  for (let c = 0; c < k; c++) {
    heap[bAt / 8 + c] = b(c)
    for (let j = 0; j < p; j++) heap[wAt / 8 + j * K + c] = W[c * stride + j]
  }
  kx.scores(0, n, rb, p * 8, wAt, K * 8, bAt, outAt)
  if (flagsAt !== undefined) kx.signflip(outAt, n, K * 8, k * 8, flagsAt)
  const out = new Float64Array(kx.mem.buffer).slice(outAt / 8, outAt / 8 + n * K)
  if (K === k) return out
  const packed = new Float64Array(n * k)
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) packed[i * k + c] = out[i * K + c]
  return packed
}

export interface NormalEquations {
  means: Float64Array
  yMean: number
  /** Xcᵀ Xc, p × p row-major. */
  G: Float64Array
  Xty: Float64Array
  /** Xcᵀ (yc − Xc w) over the same rows; valid until the next kernel call. */
  residualCorrelation(w: Float64Array): Float64Array
}

/** Column means and centred normal equations (centre = false: the raw ones, means and yMean 0). */
export function kernelNormalEquations(X: Matrix, y: Float64Array, centre: boolean): NormalEquations | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const P = evenWidth(p + 1)
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * P, n, P, P * P, P, P]) : undefined
  if (!kx || !at) return undefined
  const [, yAt, mAt, gAt, wAt, outAt] = at
  loadRows(kx, X, P, y, yAt)
  const means = new Float64Array(p)
  let yMean = 0
  if (centre) {
    const sums = columnSums(kx, n, P, mAt)
    for (let j = 0; j < p; j++) means[j] = sums[j] / n
    yMean = sums[p] / n
    sums.set(means)
    sums[p] = yMean
    kx.centre(0, n, P * 8, mAt)
  }
  new Float64Array(kx.mem.buffer).fill(0, gAt / 8, gAt / 8 + P * P)
  gramInChunks(kx, n, P * 8, gAt)
  const all = new Float64Array(kx.mem.buffer, gAt, P * P)
  const G = new Float64Array(p * p)
  const Xty = new Float64Array(p)
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) G[a * p + b] = G[b * p + a] = all[a * P + b]
    Xty[a] = all[a * P + p]
  }
  return {
    means, yMean, G, Xty,
    residualCorrelation(w: Float64Array): Float64Array {
      const heap = new Float64Array(kx.mem.buffer)
      heap.set(w, wAt / 8)
      heap.fill(0, outAt / 8, outAt / 8 + P)
      kx.residual(0, n, P * 8, p * 8, wAt, outAt)
      return new Float64Array(kx.mem.buffer).slice(outAt / 8, outAt / 8 + p)
    },
  }
}

/** X w + b for each row. */
export function kernelLinearPredict(X: Matrix, w: Float64Array, b: number): Float64Array | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const at = kx && n > 0 ? reserve(kx, [n * p, ...scoreCounts(n, p, 1)]) : undefined
  if (!kx || !at) return undefined
  new Float64Array(kx.mem.buffer).set(X.data, 0)
  return scoresOfLoaded(kx, n, p * 8, p, w, p, 1, () => b, at.slice(1))
}

/**
 * PCA's loops: the rows centred on `means` (or on their own column means when none are given), their
 * Gram matrix when asked for, and then, once `components` (k × p) are known, their scores (n × k).
 */
export function kernelCentred(X: Matrix, means?: Float64Array, withGram = true): {
  means: Float64Array
  G?: Float64Array
  project(components: Float64Array, k: number): Float64Array<ArrayBuffer>
  /** project, then each score column whose largest |score| (first such row) is negative negated; flipped[c] says which. */
  projectSigned(components: Float64Array, k: number): { scores: Float64Array<ArrayBuffer>; flipped: boolean[] }
} | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const P = evenWidth(p)
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * P, P, withGram ? P * P : 0, ...scoreCounts(n, p, p)]) : undefined
  if (!kx || !at) return undefined
  const [, mAt, gAt] = at
  loadRows(kx, X, P)
  const m = means ? new Float64Array(kx.mem.buffer, mAt, P).fill(0) : columnSums(kx, n, P, mAt)
  if (means) m.set(means)
  else for (let j = 0; j < p; j++) m[j] /= n
  const ownMeans = m.slice(0, p)
  kx.centre(0, n, P * 8, mAt)
  let G: Float64Array | undefined
  if (withGram) {
    new Float64Array(kx.mem.buffer).fill(0, gAt / 8, gAt / 8 + P * P)
    gramInChunks(kx, n, P * 8, gAt)
    const all = new Float64Array(kx.mem.buffer, gAt, P * P)
    G = new Float64Array(p * p)
    for (let a = 0; a < p; a++) for (let b = a; b < p; b++) G[a * p + b] = G[b * p + a] = all[a * P + b]
  }
  return {
    means: ownMeans, G,
    project(components: Float64Array, k: number): Float64Array<ArrayBuffer> {
      return scoresOfLoaded(kx, n, P * 8, p, components, p, k, () => 0, at.slice(3))
    },
    projectSigned(components: Float64Array, k: number) {
      const scores = scoresOfLoaded(kx, n, P * 8, p, components, p, k, () => 0, at.slice(3), at[6])
      const flags = new Float64Array(kx.mem.buffer, at[6], k)
      return { scores, flipped: Array.from(flags, (f) => f === 1) }
    },
  }
}

/** The column means and population variances (squares about the means, rows in order), as linalg's columnMeans and columnVariances. */
export function kernelColumnMoments(X: Matrix): { means: Float64Array; variances: Float64Array } | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const P = evenWidth(p)
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * P, n, P, P]) : undefined
  if (!kx || !at) return undefined
  const [, zeroAt, mAt, vAt] = at
  loadRows(kx, X, P)
  const sums = columnSums(kx, n, P, mAt)
  for (let j = 0; j < p; j++) sums[j] /= n
  const means = sums.slice(0, p)
  const heap = new Float64Array(kx.mem.buffer)
  heap.fill(0, zeroAt / 8, zeroAt / 8 + n)
  heap.fill(0, vAt / 8, vAt / 8 + P)
  // every row in "class" 0
  kx.classsqdev(0, n, P * 8, zeroAt, mAt, vAt)
  const variances = new Float64Array(kx.mem.buffer).slice(vAt / 8, vAt / 8 + p)
  for (let j = 0; j < p; j++) variances[j] /= n
  return { means, variances }
}

/** (x − means) / scales per entry, a new matrix's data. */
export function kernelStandardise(X: Matrix, means: Float64Array, scales: Float64Array): Float64Array<ArrayBuffer> | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * p, p, p]) : undefined
  if (!kx || !at) return undefined
  const [, mAt, sAt] = at
  const heap = new Float64Array(kx.mem.buffer)
  heap.set(X.data, 0)
  heap.set(means, mAt / 8)
  heap.set(scales, sAt / 8)
  kx.standardise(0, n, p * 8, mAt, sAt)
  return new Float64Array(kx.mem.buffer).slice(0, n * p)
}

/** b_c + x·w_c per row and weight row (rows of W: p weights then b), rows × k, summed in feature order. */
export function kernelScores(X: Matrix, W: Float64Array, k: number): Float64Array<ArrayBuffer> | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const at = kx && n > 0 ? reserve(kx, [n * p, ...scoreCounts(n, p, k)]) : undefined
  if (!kx || !at) return undefined
  new Float64Array(kx.mem.buffer).set(X.data, 0)
  return scoresOfLoaded(kx, n, p * 8, p, W, p + 1, k, (c) => W[c * (p + 1) + p], at.slice(1))
}

/** The sweeps of linalg's symmetricEigen: the rotated A (eigenvalues on its diagonal) and V; leaves the current caller's data alone. */
export function kernelJacobi(S: Float64Array, n: number): { A: Float64Array; V: Float64Array } | undefined {
  const kx = kernels()
  const at = kx && n > 0 ? reserve(kx, [n * n, n * n], true) : undefined
  if (!kx || !at) return undefined
  const [aAt, vAt] = at
  const heap = new Float64Array(kx.mem.buffer)
  heap.set(S.subarray(0, n * n), aAt / 8)
  heap.fill(0, vAt / 8, vAt / 8 + n * n)
  for (let i = 0; i < n; i++) heap[vAt / 8 + i * n + i] = 1
  kx.jacobi(aAt, vAt, n)
  const after = new Float64Array(kx.mem.buffer)
  return { A: after.slice(aAt / 8, aAt / 8 + n * n), V: after.slice(vAt / 8, vAt / 8 + n * n) }
}

// gaussianNB's loops through the WebAssembly kernels, bit for bit the JavaScript ones (same arithmetic,
// same order); undefined where the kernels are unavailable.

/** Labels above this fall back to the JavaScript loop (the counts are a region of the kernels' memory). */
const MAX_CLASSES = 4096

/**
 * labels.ts's classCount (nClasses, or more if y holds a larger class index) and the rows of each class;
 * undefined at a label that is not an integer in [0, MAX_CLASSES) (the caller's classCount then reports a bad one).
 */
export function kernelClassCounts(y: Float64Array, nClasses: number): { K: number; counts: Float64Array } | undefined {
  const kx = kernels()
  const n = y.length
  const at = kx && nClasses <= MAX_CLASSES ? reserve(kx, [n, MAX_CLASSES]) : undefined
  if (!kx || !at) return undefined
  const [yAt, cAt] = at
  const heap = new Float64Array(kx.mem.buffer)
  heap.set(y, yAt / 8)
  heap.fill(0, cAt / 8, cAt / 8 + MAX_CLASSES)
  const top = kx.classcount(yAt, n, cAt, MAX_CLASSES)
  if (top < 0) return undefined
  const K = Math.max(nClasses, top)
  return { K, counts: heap.slice(cAt / 8, cAt / 8 + K) }
}

/** Per-class sums of x and of (x − class mean)², and the columns' population variances. */
export function kernelClassMoments(X: Matrix, y: Float64Array, K: number, counts: Float64Array): { means: Float64Array; squares: Float64Array; columnVariances: Float64Array } | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const P = evenWidth(p)
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * P, n, n, K * P, K * P, P, P]) : undefined
  if (!kx || !at) return undefined
  const [, yAt, zeroAt, sumAt, sqAt, cmAt, cvAt] = at
  loadRows(kx, X, P)
  let heap = new Float64Array(kx.mem.buffer)
  heap.set(y, yAt / 8)
  heap.fill(0, zeroAt / 8, sqAt / 8 + K * P)
  kx.classsums(0, n, P * 8, yAt, sumAt)
  heap = new Float64Array(kx.mem.buffer)
  const means = new Float64Array(K * p)
  for (let c = 0; c < K; c++) {
    for (let j = 0; j < p; j++) heap[sumAt / 8 + c * P + j] = means[c * p + j] = heap[sumAt / 8 + c * P + j] / (counts[c] || 1)
  }
  kx.classsqdev(0, n, P * 8, yAt, sumAt, sqAt)
  // the columns' variances: their means, then the squares about them (every row in "class" 0)
  const colMeans = columnSums(kx, n, P, cmAt)
  for (let j = 0; j < p; j++) colMeans[j] /= n
  new Float64Array(kx.mem.buffer).fill(0, cvAt / 8, cvAt / 8 + P)
  kx.classsqdev(0, n, P * 8, zeroAt, cmAt, cvAt)
  heap = new Float64Array(kx.mem.buffer)
  const squares = new Float64Array(K * p)
  for (let c = 0; c < K; c++) for (let j = 0; j < p; j++) squares[c * p + j] = heap[sqAt / 8 + c * P + j]
  const columnVariances = heap.slice(cvAt / 8, cvAt / 8 + p)
  for (let j = 0; j < p; j++) columnVariances[j] /= n
  return { means, squares, columnVariances }
}

/** bias[c] − 0.5 · Σ (x − means[c])² / vars[c] per row and class, rows × K. */
export function kernelJointLogLikelihood(X: Matrix, K: number, means: Float64Array, vars: Float64Array, bias: Float64Array): Float64Array<ArrayBuffer> | undefined {
  const run = jointLogLikelihoodIn(X, K, means, vars, bias)
  return run && new Float64Array(run.kx.mem.buffer).slice(run.outAt / 8, run.outAt / 8 + X.rows * K)
}

/**
 * gaussianNB's predictions (argmax of the joint log-likelihood, first largest) and probabilities
 * (exp(v − logSumExp) per row, as its JavaScript loop: the largest value, Σ exp(v − max), its log).
 */
export function kernelNaiveBayes(X: Matrix, K: number, means: Float64Array, vars: Float64Array, bias: Float64Array): { predicted: Float64Array<ArrayBuffer>; probabilities: Float64Array<ArrayBuffer> } | undefined {
  const run = jointLogLikelihoodIn(X, K, means, vars, bias)
  if (!run) return undefined
  const { kx, outAt, predAt } = run
  kx.nbproba(outAt, X.rows, K, predAt)
  const heap = new Float64Array(kx.mem.buffer)
  return { predicted: heap.slice(predAt / 8, predAt / 8 + X.rows), probabilities: heap.slice(outAt / 8, outAt / 8 + X.rows * K) }
}

function jointLogLikelihoodIn(X: Matrix, K: number, means: Float64Array, vars: Float64Array, bias: Float64Array): { kx: Exports; outAt: number; predAt: number } | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * p, K * p, K * p, K, n * K, n]) : undefined
  if (!kx || !at) return undefined
  const [, mAt, vAt, bAt, outAt, predAt] = at
  const heap = new Float64Array(kx.mem.buffer)
  heap.set(X.data, 0)
  heap.set(means, mAt / 8)
  heap.set(vars, vAt / 8)
  heap.set(bias, bAt / 8)
  kx.jll(0, n, p * 8, p * 8, K, mAt, vAt, bAt, outAt)
  return { kx, outAt, predAt }
}

/**
 * logisticRegression's standardised training rows and the two loops over them each loss evaluation
 * runs: z = Z u_c + c_c (linear) and [Σ r·Z, Σ r] (gradient). The WebAssembly design keeps the rows in
 * the kernels' memory (row-major, a column of ones after the features for Σ r) and its z buffer there
 * too; it gives the JavaScript design's results bit for bit. Valid until the next kernel call elsewhere.
 */
export interface Design {
  means: Float64Array
  scales: Float64Array
  /** free × n values for linear's output and the loss's residuals. */
  z: Float64Array
  linear(theta: Float64Array, free: number): void
  /** grad rows [Σ z·Z, Σ z] + penalty·u (the intercept's 0 unless fitted); returns ½ Σ penalty·u². */
  gradient(theta: Float64Array, free: number, penalty: Float64Array, intercept: boolean, grad: Float64Array): number
  /** The softmax loss's pass over z for these K classes (z becomes the residuals); returns Σ −log softmax(z)_label. */
  softmax?(K: number): number
}

export function kernelDesign(X: Matrix, centre: boolean, free: number, labels?: Int32Array): Design | undefined {
  const kx = kernels()
  const n = X.rows
  const p = X.cols
  const q = p + 1
  const P = evenWidth(q)
  const rb = P * 8
  const at = kx && p > 0 && n > 0 ? reserve(kx, [n * P, P, P, P, n, free * n, free * q, P, n, 4]) : undefined
  if (!kx || !at) return undefined
  const [, mAt, zeroAt, sAt, colAt, zAt, thAt, outAt, labAt, stAt] = at
  loadRows(kx, X, P)
  const means = new Float64Array(p)
  if (centre) {
    const sums = columnSums(kx, n, P, mAt)
    for (let j = 0; j < p; j++) sums[j] = means[j] = sums[j] / n
    kx.centre(0, n, rb, mAt)
  }
  let heap = new Float64Array(kx.mem.buffer)
  heap.fill(0, zeroAt / 8, zeroAt / 8 + P)
  heap.fill(0, sAt / 8, sAt / 8 + P)
  heap.fill(0, colAt / 8, colAt / 8 + n)
  // Σ z² per column: the squares about zero means, every row in "class" 0
  kx.classsqdev(0, n, rb, colAt, zeroAt, sAt)
  heap = new Float64Array(kx.mem.buffer)
  const scales = new Float64Array(p)
  for (let j = 0; j < P; j++) heap[sAt / 8 + j] = j < p ? (scales[j] = Math.sqrt(heap[sAt / 8 + j] / n) || 1) : 1
  kx.divide(0, n, rb, sAt)
  heap.fill(1, colAt / 8, colAt / 8 + n)
  kx.setcol(0, n, rb, p * 8, colAt)
  const z = new Float64Array(kx.mem.buffer, zAt, free * n)
  const theta = new Float64Array(kx.mem.buffer, thAt, free * q)
  const out = new Float64Array(kx.mem.buffer, outAt, P)
  if (labels) new Float64Array(kx.mem.buffer, labAt, n).set(labels)
  const state = new Float64Array(kx.mem.buffer, stAt, 4)
  return {
    means, scales, z,
    linear(t: Float64Array, k: number): void {
      theta.set(t.subarray(0, k * q))
      for (let c = 0; c < k; c++) kx.linear4(0, n, rb, p * 8, thAt + c * q * 8, zAt + c * n * 8)
    },
    gradient(t: Float64Array, k: number, penalty: Float64Array, intercept: boolean, grad: Float64Array): number {
      let f = 0
      for (let c = 0; c < k; c++) {
        out.fill(0)
        kx.xtr(0, n, rb, zAt + c * n * 8, outAt)
        for (let j = 0; j < p; j++) {
          const u = t[c * q + j]
          grad[c * q + j] = out[j] + penalty[j] * u
          f += 0.5 * penalty[j] * u * u
        }
        grad[c * q + p] = intercept ? out[p] : 0
      }
      return f
    },
    softmax: labels && ((K: number): number => {
      state.set([0, 1, 0, 0])
      do {
        kx.softmax(zAt, n, K, labAt, stAt)
        // stopped after a row whose running product passed 1e280: its log, as the JavaScript loop adds it
        if (state[3]) {
          state[0] += Math.log(state[1])
          state[1] = 1
        }
      } while (state[3])
      return state[0] + Math.log(state[1])
    }),
  }
}
