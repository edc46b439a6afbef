import { transformerMatchesSklearn } from './transformer-check.js'

describe('standardScaler matches scikit-learn', () => {
  transformerMatchesSklearn('standard-scaler', 'standardScaler', 1e-9)
})

test('a constant column is centred but not scaled', async () => {
  const { build } = await import('./sklearn-fixtures.js')
  const { fromRows } = await import('../../src/core/pipeline/matrix.js')
  const t = await build<import('../../src/core/pipeline/types.js').Transformer>('standardScaler', {})
  const X = fromRows([[1, 5], [3, 5], [5, 5]])
  t.fit(X, new Float64Array(3), { task: 'regression', nClasses: 0, seed: 0 })
  expect(Array.from(t.transform(X).data)).toEqual([-Math.sqrt(1.5), 0, 0, 0, Math.sqrt(1.5), 0])
})
