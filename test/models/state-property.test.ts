import fc from 'fast-check'
import { loadComponent } from '../../src/core/estimators/registry.js'
import type { ParamValue, Task } from '../../src/core/model/types.js'
import { matrix, type Matrix } from '../../src/core/pipeline/matrix.js'
import type { Estimator, SavesState, Transformer } from '../../src/core/pipeline/types.js'

/**
 * Beyond the fixtures: random data with exact ties, constant columns, −0, wide scales and classes absent
 * from the training rows. Whatever a fitted built-in predicts (NaN included), the restored one predicts the same bits.
 */
const COMPONENTS: Array<[component: string, task: Task | 'transform', params: Record<string, ParamValue>]> = [
  ['standardScaler', 'transform', {}],
  ['minMaxScaler', 'transform', { clip: true }],
  ['pca', 'transform', {}],
  ['knn', 'classification', { k: 3, weights: 'distance' }],
  ['knn', 'regression', { k: 2 }],
  ['gaussianNB', 'classification', {}],
  ['logisticRegression', 'classification', {}],
  ['svc', 'classification', {}],
  ['decisionTree', 'classification', {}],
  ['decisionTree', 'regression', { maxDepth: 3 }],
  ['randomForest', 'classification', { nEstimators: 5 }],
  ['randomForest', 'regression', { nEstimators: 5 }],
  ['linearRegression', 'regression', {}],
  ['ridge', 'regression', { alpha: 0.5 }],
]

const data = fc.record({
  rows: fc.integer({ min: 6, max: 40 }),
  cols: fc.integer({ min: 1, max: 5 }),
  grid: fc.boolean(),
  scale: fc.constantFrom(1e-8, 1, 1e8),
  nClasses: fc.integer({ min: 2, max: 4 }),
  seed: fc.integer(),
})

type Data = typeof data extends fc.Arbitrary<infer T> ? T : never

function generate({ rows, cols, grid, scale, seed, nClasses }: Data) {
  let s = seed >>> 0
  const next = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const GRID = [-1, -0, 0, 1, 2]
  const value = (): number => (grid ? GRID[Math.floor(next() * GRID.length)] : (next() * 10 - 5) * scale)
  const X = matrix(rows, cols, Float64Array.from({ length: rows * cols }, value))
  // queries: fresh values beyond the training range, and midpoints between neighbouring training values
  // of each column (exactly where a tree puts its thresholds, so a threshold off by one bit shows)
  const midpoints = Array.from({ length: cols }, (_, j) => {
    const sorted = [...new Set(Array.from({ length: rows }, (_, i) => X.data[i * cols + j]))].sort((a, b) => a - b)
    return sorted.slice(1).map((v, i) => sorted[i] / 2 + v / 2)
  })
  const extra = Math.max(1, ...midpoints.map((m) => m.length))
  const Q = matrix(10 + extra, cols)
  for (let i = 0; i < 10; i++) for (let j = 0; j < cols; j++) Q.data[i * cols + j] = value() * 1.5
  for (let i = 0; i < extra; i++) for (let j = 0; j < cols; j++) Q.data[(10 + i) * cols + j] = midpoints[j][i % Math.max(1, midpoints[j].length)] ?? 0
  const labels = Float64Array.from({ length: rows }, () => Math.floor(next() * nClasses))
  const values = Float64Array.from({ length: rows }, value)
  return { X, Q, labels, values }
}

const bits = (m: Matrix | Float64Array | undefined): number[] | undefined => (m ? Array.from('data' in m ? m.data : m) : undefined)

describe.each(COMPONENTS)('%s (%s) restores bit-identically on random data', (component, task, given) => {
  test('fit → saveState → JSON → restore', async () => {
    const definition = (await loadComponent(component))!
    const params = { ...Object.fromEntries(Object.entries(definition.params).map(([k, spec]) => [k, spec.default])), ...given }
    let fitted = 0
    await fc.assert(
      fc.asyncProperty(data, async (d) => {
        const { X, Q, labels, values } = generate(d)
        const model = (await definition.create(params)) as (Estimator & Partial<Transformer>) & SavesState
        const y = task === 'regression' ? values : labels
        try {
          model.fit(X, y, { task: task === 'regression' ? 'regression' : 'classification', nClasses: d.nClasses, seed: 1 })
        } catch {
          return // data this component refuses (a single class present, too few rows): nothing to save
        }
        fitted++
        const state = JSON.parse(JSON.stringify(model.saveState()))
        const restored = (await definition.restore!(params, state)) as Estimator & Partial<Transformer>
        if (task === 'transform') {
          expect(bits(restored.transform!(Q))).toEqual(bits(model.transform!(Q)))
          return
        }
        expect(bits(restored.predict(Q))).toEqual(bits(model.predict(Q)))
        if (task === 'classification' && model.predictProba) expect(bits(restored.predictProba!(Q))).toEqual(bits(model.predictProba(Q)))
      }),
      { numRuns: 40 },
    )
    expect(fitted).toBeGreaterThan(20)
  })
})
