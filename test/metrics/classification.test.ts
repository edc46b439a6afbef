import { classificationMetrics } from '../../src/core/metrics/index.js'
import { InvalidInputError } from '../../src/core/errors.js'
import { loadMetricFixtures, TOLERANCE } from './sklearn-fixture.js'

const fixtures = loadMetricFixtures()
const METRICS = ['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'precision_micro', 'recall_micro', 'f1_micro', 'precision_weighted', 'recall_weighted', 'f1_weighted']

describe('classificationMetrics against scikit-learn', () => {
  test('the fixture covers the required cases', () => {
    expect(fixtures.classification.length).toBeGreaterThanOrEqual(6)
  })

  test.each(fixtures.classification.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = classificationMetrics(Float64Array.from(c.yTrue), Float64Array.from(c.yPred), c.nClasses)
    expect(Object.keys(result.values).sort()).toEqual([...METRICS].sort())
    for (const metric of METRICS) {
      const diff = Math.abs(result.values[metric] - c.values[metric])
      if (!(diff <= TOLERANCE)) throw new Error(`${metric}: padre ${result.values[metric]}, sklearn ${c.values[metric]}`)
    }
    expect(result.confusionMatrix).toEqual(c.confusionMatrix)
  })
})

describe('classificationMetrics by hand', () => {
  test('binary case worked out on paper', () => {
    // truth 0 0 1 1 1, predicted 0 1 1 1 0: class 0 P=1/2 R=1/2, class 1 P=2/3 R=2/3
    const r = classificationMetrics(Float64Array.from([0, 0, 1, 1, 1]), Float64Array.from([0, 1, 1, 1, 0]), 2)
    expect(r.confusionMatrix).toEqual([[1, 1], [1, 2]])
    expect(r.values.accuracy).toBeCloseTo(3 / 5, 12)
    expect(r.values.precision_macro).toBeCloseTo((1 / 2 + 2 / 3) / 2, 12)
    expect(r.values.f1_weighted).toBeCloseTo((2 * 0.5 + 3 * (2 / 3)) / 5, 12)
  })

  test('a class never predicted scores 0 precision and still counts in the macro mean', () => {
    const r = classificationMetrics(Float64Array.from([0, 1, 2]), Float64Array.from([0, 1, 1]), 3)
    expect(r.values.precision_macro).toBeCloseTo((1 + 0.5 + 0) / 3, 12)
    expect(r.values.recall_macro).toBeCloseTo((1 + 1 + 0) / 3, 12)
  })

  test('rejects labels that are not class indices, and mismatched lengths', () => {
    expect(() => classificationMetrics(Float64Array.from([0, 3]), Float64Array.from([0, 1]), 3)).toThrow(InvalidInputError)
    expect(() => classificationMetrics(Float64Array.from([0, 1]), Float64Array.from([0, 0.5]), 3)).toThrow(/class index/)
    expect(() => classificationMetrics(Float64Array.from([0, 1]), Float64Array.from([0]), 3)).toThrow(/1 predictions against 2/)
    expect(() => classificationMetrics(new Float64Array(0), new Float64Array(0), 3)).toThrow(/empty test set/)
  })
})
