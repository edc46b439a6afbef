import fc from 'fast-check'
import { KdTree } from '../../src/core/estimators/kd-tree.js'
import { matrix } from '../../src/core/pipeline/matrix.js'
import { exhaustiveScan } from '../helpers/exhaustive-scan.js'

describe('k-d tree search equals an exhaustive scan, ties by training row', () => {
  test('on coarse grids (many exact ties) and continuous values, any leaf size', () => {
    const data = fc.record({
      rows: fc.integer({ min: 1, max: 120 }),
      cols: fc.integer({ min: 1, max: 7 }),
      grid: fc.boolean(),
      leafSize: fc.integer({ min: 1, max: 10 }),
      k: fc.integer({ min: 1, max: 12 }),
      seed: fc.integer(),
    })
    fc.assert(
      fc.property(data, ({ rows, cols, grid, leafSize, k, seed }) => {
        let s = seed >>> 0
        const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
        const value = () => (grid ? Math.floor(next() * 3) : next() * 10 - 5)
        const X = matrix(rows, cols, Float64Array.from({ length: rows * cols }, value))
        const tree = new KdTree(X, leafSize)
        const kk = Math.min(k, rows)
        const index = new Int32Array(kk)
        const dist2 = new Float64Array(kk)
        for (let t = 0; t < 5; t++) {
          const q = Float64Array.from({ length: cols }, value)
          tree.search(q, 0, kk, index, dist2)
          const expected = exhaustiveScan(X.data, rows, cols, q, kk)
          expect(Array.from(index)).toEqual(expected.index)
          expect(Array.from(dist2)).toEqual(expected.dist2)
        }
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  test('a reference that cannot see the order would fail: equal rows come back in row order', () => {
    const X = matrix(4, 1, Float64Array.from([1, 0, 1, 1]))
    const index = new Int32Array(3)
    new KdTree(X, 1).search(Float64Array.from([1]), 0, 3, index, new Float64Array(3))
    expect(Array.from(index)).toEqual([0, 2, 3])
  })
})

test('knn gives the neighbours of the exhaustive scan on both of its paths (tree ≤ 10 features, blocked scan above)', async () => {
  const { KNN } = await import('../../src/core/estimators/knn.js')
  for (const cols of [3, 10, 11, 23]) {
    let s = cols
    const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
    const rows = 300
    const X = matrix(rows, cols, Float64Array.from({ length: rows * cols }, () => Math.floor(next() * 3)))
    const y = Float64Array.from({ length: rows }, (_, i) => i % 4)
    const Q = matrix(40, cols, Float64Array.from({ length: 40 * cols }, () => Math.floor(next() * 3)))
    const k = 7
    const model = new KNN(k, 'uniform')
    model.fit(X, y, { task: 'classification', nClasses: 4, seed: 0 })
    const proba = model.predictProba(Q)
    for (let i = 0; i < Q.rows; i++) {
      const { index } = exhaustiveScan(X.data, rows, cols, Q.data.subarray(i * cols, (i + 1) * cols), k)
      const expected = [0, 0, 0, 0]
      for (const n of index) expected[y[n]] += 1 / k
      Array.from(proba.data.subarray(i * 4, (i + 1) * 4)).forEach((p, c) => expect(p).toBeCloseTo(expected[c], 12))
    }
  }
})
