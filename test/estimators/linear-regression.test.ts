import { predictionsMatchSklearn } from './estimator-check.js'

describe('linearRegression matches scikit-learn', () => {
  predictionsMatchSklearn('linear-regression', 'linearRegression', 1e-8)
})

test('a duplicated (collinear) feature still gives the least-squares fit', async () => {
  const { build } = await import('./sklearn-fixtures.js')
  const { fromRows } = await import('../../src/core/pipeline/matrix.js')
  const model = await build<import('../../src/core/pipeline/types.js').Estimator>('linearRegression', {})
  const X = fromRows([[0, 0], [1, 1], [2, 2], [3, 3]])
  model.fit(X, Float64Array.from([1, 3, 5, 7]), { task: 'regression', nClasses: 0, seed: 0 })
  const predicted = model.predict(fromRows([[4, 4], [0.5, 0.5]]))
  expect(predicted[0]).toBeCloseTo(9, 10)
  expect(predicted[1]).toBeCloseTo(2, 10)
})

test('nearly collinear features: the same fit as Householder QR (the normal equations alone would lose digits)', async () => {
  const { build } = await import('./sklearn-fixtures.js')
  const { matrix } = await import('../../src/core/pipeline/matrix.js')
  const { centred, columnMeans, leastSquares } = await import('../../src/core/estimators/linalg.js')
  let s = 3
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5)
  for (const gap of [1e-3, 1e-5, 1e-7]) {
    const rows = 200
    const X = matrix(rows, 3)
    const y = new Float64Array(rows)
    for (let i = 0; i < rows; i++) {
      const a = next()
      X.data.set([a, a + gap * next(), next()], i * 3)
      y[i] = 2 * a - X.data[i * 3 + 1] + 0.5 * X.data[i * 3 + 2] + 0.01 * next()
    }
    const model = await build<import('../../src/core/pipeline/types.js').Estimator>('linearRegression', {})
    model.fit(X, y, { task: 'regression', nClasses: 0, seed: 0 })
    const means = columnMeans(X)
    const yMean = y.reduce((t, v) => t + v, 0) / rows
    const w = leastSquares(centred(X, means), y.map((v) => v - yMean))
    const b = yMean - means.reduce((t, m, j) => t + m * w[j], 0)
    const predicted = model.predict(X)
    for (let i = 0; i < rows; i++) {
      const expected = b + w[0] * X.data[i * 3] + w[1] * X.data[i * 3 + 1] + w[2] * X.data[i * 3 + 2]
      expect(Math.abs(predicted[i] - expected)).toBeLessThan(1e-9)
    }
  }
})
