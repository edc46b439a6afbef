import { regressionMetrics } from '../../src/core/metrics/index.js'
import { loadMetricFixtures, TOLERANCE } from './sklearn-fixture.js'

const fixtures = loadMetricFixtures()
const METRICS = ['mae', 'mse', 'rmse', 'r2', 'mean_error', 'max_abs_error']

describe('regressionMetrics against scikit-learn / numpy', () => {
  test('the fixture covers several cases', () => {
    expect(fixtures.regression.length).toBeGreaterThanOrEqual(4)
  })

  test.each(fixtures.regression.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { values } = regressionMetrics(Float64Array.from(c.yTrue), Float64Array.from(c.yPred))
    expect(Object.keys(values).sort()).toEqual([...METRICS].sort())
    for (const metric of METRICS) {
      const expected = c.values[metric]
      if (expected === null) {
        expect(values[metric]).toBeNaN()
        continue
      }
      const diff = Math.abs(values[metric] - expected)
      if (!(diff <= TOLERANCE)) throw new Error(`${metric}: padre ${values[metric]}, sklearn ${expected}`)
    }
  })
})

describe('regressionMetrics by hand', () => {
  test('mean_error is predicted minus true (positive when over-predicting)', () => {
    const { values } = regressionMetrics(Float64Array.from([1, 2, 3]), Float64Array.from([2, 3, 5]))
    expect(values.mean_error).toBeCloseTo(4 / 3, 12)
    expect(values.max_abs_error).toBe(2)
    expect(values.mse).toBeCloseTo(2, 12)
    // sst = 2, sse = 6 → r2 = 1 - 3
    expect(values.r2).toBeCloseTo(-2, 12)
  })
})
