import fc from 'fast-check'
import { WasmScan } from '../../src/core/estimators/knn-wasm.js'
import { matrix } from '../../src/core/pipeline/matrix.js'
import { exhaustiveScan } from '../helpers/exhaustive-scan.js'

describe('the WebAssembly SIMD scan returns exactly the exhaustive scan', () => {
  test('is available on this node (else knn silently uses the JavaScript scan)', () => {
    expect(WasmScan.create(matrix(3, 12))).toBeDefined()
  })

  test('neighbours and distances bit for bit, ties by training row, any width, block and chunk boundaries', () => {
    const data = fc.record({
      rows: fc.integer({ min: 1, max: 700 }),
      cols: fc.integer({ min: 1, max: 27 }),
      queries: fc.integer({ min: 1, max: 40 }),
      grid: fc.boolean(),
      k: fc.integer({ min: 1, max: 12 }),
      seed: fc.integer(),
    })
    fc.assert(
      fc.property(data, ({ rows, cols, queries, grid, k, seed }) => {
        let s = seed >>> 0
        const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
        // a coarse grid gives many exactly tied distances; continuous values test the pruning margin
        const value = () => (grid ? Math.floor(next() * 3) : (next() - 0.5) * 10 ** Math.floor(next() * 6 - 3))
        const X = matrix(rows, cols, Float64Array.from({ length: rows * cols }, value))
        const Q = matrix(queries, cols, Float64Array.from({ length: queries * cols }, value))
        const kk = Math.min(k, rows)
        const search = WasmScan.create(X)!
        const index = new Int32Array(WasmScan.block * kk)
        const dist2 = new Float64Array(WasmScan.block * kk)
        for (let from = 0; from < queries; from += WasmScan.block) {
          const to = Math.min(queries, from + WasmScan.block)
          search.searchBlock(Q, from, to, kk, index, dist2)
          for (let b = from; b < to; b++) {
            const expected = exhaustiveScan(X.data, rows, cols, Q.data.subarray(b * cols, (b + 1) * cols), kk)
            const base = (b - from) * kk
            expect(Array.from(index.subarray(base, base + kk))).toEqual(expected.index)
            expect(Array.from(dist2.subarray(base, base + kk))).toEqual(expected.dist2)
          }
        }
      }),
      { numRuns: 150, seed: 11 },
    )
  })

  test('a query equal to a training row finds it at distance 0, and NaN rows are never neighbours', () => {
    const X = matrix(3, 13, Float64Array.from({ length: 39 }, (_, i) => (i < 13 ? NaN : i % 13 === 0 ? i : 0.5)))
    const Q = matrix(1, 13, X.data.slice(26, 39))
    const index = new Int32Array(2)
    const dist2 = new Float64Array(2)
    WasmScan.create(X)!.searchBlock(Q, 0, 1, 2, index, dist2)
    expect(Array.from(index)).toEqual([2, 1])
    expect(dist2[0]).toBe(0)
    expect(dist2[1]).toBe(13 ** 2)
  })
})
