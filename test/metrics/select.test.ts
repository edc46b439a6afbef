import { ComponentError, InvalidInputError } from '../../src/core/errors.js'
import { defineMetric } from '../../src/core/metrics/define-metric.js'
import { checkMetricChoices, scoreSplit, selectMetrics, type MetricInput } from '../../src/core/metrics/index.js'

const iris = ['setosa', 'versicolor', 'virginica']
const rows: MetricInput = {
  task: 'classification', classes: iris, truth: Float64Array.from([0, 1, 2, 2]), predicted: Float64Array.from([0, 1, 1, 2]),
  probabilities: [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8]],
}

describe('checkMetricChoices', () => {
  test('unknown name: did you mean; duplicates; wrong shapes', () => {
    expect(() => checkMetricChoices(['acuracy'], 'def.ts')).toThrow("def.ts: unknown metric 'acuracy' in 'metrics'. Did you mean 'accuracy'?")
    expect(() => checkMetricChoices(['f1_macro', 'f1_macro'], 'def.ts')).toThrow(/listed twice/)
    expect(() => checkMetricChoices('accuracy', 'def.ts')).toThrow(/must be a list/)
    expect(() => checkMetricChoices([3], 'def.ts')).toThrow(/metrics\[0\]/)
    expect(() => checkMetricChoices([{ metric: 'mine', origin: 'definition' }], 'def.ts')).toThrow(/defineMetric/)
    const accuracy = defineMetric({ name: 'accuracy', task: 'classification', higherIsBetter: true, compute: () => 1 })
    expect(() => checkMetricChoices([accuracy], 'def.ts')).toThrow(/built-in/)
  })

  test('keeps the very objects, so a defined metric keeps its function (off the JSON record)', () => {
    const mine = defineMetric({ name: 'mine', task: 'classification', higherIsBetter: true, compute: () => 1 })
    const checked = checkMetricChoices(['accuracy', mine], 'def.ts')!
    expect(checked[1]).toBe(mine)
    expect(JSON.parse(JSON.stringify(checked))).toEqual(['accuracy', { metric: 'mine', origin: 'definition', higherIsBetter: true }])
  })
})

describe('selectMetrics and scoreSplit', () => {
  test('default: every built-in metric that applies (brier only for two classes)', () => {
    const names = selectMetrics(undefined, 'classification', iris).metrics.map((m) => m.name)
    expect(names).toContain('roc_auc')
    expect(names).not.toContain('brier')
    expect(selectMetrics(undefined, 'classification', ['a', 'b']).metrics.map((m) => m.name)).toContain('brier')
    expect(selectMetrics(undefined, 'regression', []).metrics.map((m) => m.name)).toEqual(['mae', 'mse', 'rmse', 'r2', 'mean_error', 'max_abs_error'])
  })

  test('a choice adds the main metric first; wrong task and binary-only are refused', () => {
    expect(selectMetrics(['f1_macro'], 'classification', iris).metrics.map((m) => m.name)).toEqual(['accuracy', 'f1_macro'])
    expect(() => selectMetrics(['r2'], 'classification', iris, "dataset 'iris'")).toThrow("metric 'r2' is for regression, but dataset 'iris' is a classification dataset; drop it from 'metrics'.")
    expect(() => selectMetrics(['brier'], 'classification', iris)).toThrow(/needs two classes/)
  })

  test('probability metrics are skipped without probabilities unless named', () => {
    const noProba = { ...rows, probabilities: undefined }
    expect(Object.keys(scoreSplit(selectMetrics(undefined, 'classification', iris), noProba).values)).not.toContain('log_loss')
    expect(() => scoreSplit(selectMetrics(['log_loss'], 'classification', iris), noProba)).toThrow(InvalidInputError)
    expect(scoreSplit(selectMetrics(['log_loss'], 'classification', iris), rows).values.log_loss).toBeGreaterThan(0)
  })

  test('a user metric sees labels and probabilities; what it throws becomes a ComponentError with file:line', () => {
    const seen: unknown[] = []
    const spy = defineMetric({
      name: 'spy', task: 'classification', higherIsBetter: true, needs: ['labels', 'probabilities'],
      compute: (truth, predicted, probabilities, context) => { seen.push(truth, predicted, probabilities, context); return 0.5 },
    })
    const scored = scoreSplit(selectMetrics([spy], 'classification', iris), rows)
    expect(scored.values).toEqual({ accuracy: 0.75, spy: 0.5 })
    expect(seen).toEqual([['setosa', 'versicolor', 'virginica', 'virginica'], ['setosa', 'versicolor', 'versicolor', 'virginica'], rows.probabilities, { task: 'classification', classes: iris }])

    const broken = defineMetric({ name: 'broken', task: 'classification', higherIsBetter: true, compute: () => { throw new Error('no way') } })
    let error: unknown
    try { scoreSplit(selectMetrics([broken], 'classification', iris), rows) } catch (e) { error = e }
    expect(error).toBeInstanceOf(ComponentError)
    expect((error as ComponentError).message).toMatch(/^metric 'broken' failed: no way \(.*select\.test\.ts:\d+\)$/)
    expect((error as ComponentError).detail).toMatchObject({ component: 'broken', phase: 'metric' })

    const wrong = defineMetric({ name: 'wrong', task: 'classification', higherIsBetter: true, compute: () => 'high' as unknown as number })
    expect(() => scoreSplit(selectMetrics([wrong], 'classification', iris), rows)).toThrow("metric 'wrong' returned string; compute must return a number")
  })

  test('defineMetric checks its arguments', () => {
    expect(() => defineMetric({ name: 'bad name', task: 'classification', higherIsBetter: true, compute: () => 1 })).toThrow(/'name'/)
    expect(() => defineMetric({ name: 'x', task: 'clustering' as 'regression', higherIsBetter: true, compute: () => 1 })).toThrow(/'task'/)
  })
})
