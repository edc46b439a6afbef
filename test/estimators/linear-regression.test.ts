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
