import { aggregate, MAIN_METRIC, METRIC_HIGHER_IS_BETTER, classificationMetrics, regressionMetrics } from '../../src/core/metrics/index.js'
import { InvalidInputError } from '../../src/core/errors.js'
import { loadMetricFixtures, TOLERANCE } from './sklearn-fixture.js'

describe('aggregate', () => {
  test.each(loadMetricFixtures().aggregate.map((c) => [c.perSplit.length, c] as const))('matches numpy mean/std over %i splits', (_k, c) => {
    const { mean, std } = aggregate(c.perSplit)
    for (const name of Object.keys(c.mean)) {
      expect(Math.abs(mean[name] - c.mean[name])).toBeLessThanOrEqual(TOLERANCE)
      expect(Math.abs(std[name] - c.std[name])).toBeLessThanOrEqual(TOLERANCE)
    }
  })

  test('population std (ddof=0)', () => {
    const { mean, std } = aggregate([{ a: 1 }, { a: 3 }])
    expect(mean.a).toBe(2)
    expect(std.a).toBe(1)
  })

  test('rejects no splits and splits with different metrics', () => {
    expect(() => aggregate([])).toThrow(InvalidInputError)
    expect(() => aggregate([{ a: 1 }, { b: 1 }])).toThrow(/same metrics/)
    expect(() => aggregate([{ a: 1 }, { a: 1, b: 2 }])).toThrow(/same metrics/)
  })
})

describe('main metric and sort direction', () => {
  test('main metrics are produced by the metric functions', () => {
    const c = classificationMetrics(Float64Array.from([0, 1]), Float64Array.from([0, 1]), 2)
    const r = regressionMetrics(Float64Array.from([0, 1]), Float64Array.from([0, 1]))
    expect(MAIN_METRIC).toEqual({ classification: 'accuracy', regression: 'r2' })
    expect(c.values[MAIN_METRIC.classification]).toBe(1)
    expect(r.values[MAIN_METRIC.regression]).toBe(1)
  })

  test('every rankable metric has a direction; bias has none', () => {
    const c = classificationMetrics(Float64Array.from([0, 1]), Float64Array.from([0, 1]), 2)
    const r = regressionMetrics(Float64Array.from([0, 1]), Float64Array.from([0, 1]))
    for (const name of [...Object.keys(c.values), ...Object.keys(r.values)]) {
      if (name === 'mean_error') expect(name in METRIC_HIGHER_IS_BETTER).toBe(false)
      else expect(typeof METRIC_HIGHER_IS_BETTER[name]).toBe('boolean')
    }
    expect(METRIC_HIGHER_IS_BETTER.accuracy).toBe(true)
    expect(METRIC_HIGHER_IS_BETTER.rmse).toBe(false)
  })
})
