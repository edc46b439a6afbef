import { BUILTIN_METRICS, builtinMetric, type MetricInput } from '../../src/core/metrics/index.js'
import { loadMetricFixtures, TOLERANCE } from './sklearn-fixture.js'

const fixtures = loadMetricFixtures()

function input(yTrue: number[], proba: number[][]): MetricInput {
  const classes = proba[0].map((_, k) => `c${k}`)
  const predicted = Float64Array.from(proba, (r) => r.indexOf(Math.max(...r)))
  return { task: 'classification', classes, truth: Float64Array.from(yTrue), predicted, probabilities: proba }
}

describe('probability metrics against scikit-learn', () => {
  test('the fixture covers binary, ties, clipping, multiclass and a class absent from the truth', () => {
    expect(fixtures.probability.length).toBeGreaterThanOrEqual(7)
    expect(fixtures.probability.some((c) => c.values.roc_auc === null)).toBe(true)
  })

  test.each(fixtures.probability.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const x = input(c.yTrue, c.proba)
    for (const [name, expected] of Object.entries(c.values)) {
      const value = builtinMetric(name)!.compute(x)
      if (expected === null) {
        expect(value).toBeNaN()
        continue
      }
      const diff = Math.abs(value - expected)
      if (!(diff <= TOLERANCE)) throw new Error(`${name}: padre ${value}, sklearn ${expected}`)
    }
  })
})

describe('the registry', () => {
  test('declares each metric with its task, direction and needs', () => {
    const byName = Object.fromEntries(BUILTIN_METRICS.map((m) => [m.name, m]))
    expect(byName.log_loss).toMatchObject({ task: 'classification', higherIsBetter: false, needs: ['labels', 'probabilities'] })
    expect(byName.roc_auc).toMatchObject({ higherIsBetter: true, needs: ['labels', 'probabilities'] })
    expect(byName.brier).toMatchObject({ higherIsBetter: false, binaryOnly: true })
    expect(byName.mean_error).toMatchObject({ task: 'regression', higherIsBetter: null })
    expect(byName.f1_macro).toMatchObject({ task: 'classification', higherIsBetter: true, needs: ['labels'] })
    expect(new Set(BUILTIN_METRICS.map((m) => m.name)).size).toBe(BUILTIN_METRICS.length)
  })

  test('brier refuses more than two classes; probability rows must match the classes', () => {
    const x = input([0, 1, 2], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    expect(() => builtinMetric('brier')!.compute(x)).toThrow(/two classes/)
    expect(() => builtinMetric('log_loss')!.compute({ ...x, probabilities: [[1, 0], [0, 1], [0, 1]] })).toThrow(/2 columns for 3 classes/)
    expect(() => builtinMetric('log_loss')!.compute({ ...x, probabilities: undefined })).toThrow(/needs probabilities/)
  })
})
