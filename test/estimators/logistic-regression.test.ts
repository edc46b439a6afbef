import { fromRows } from '../../src/core/pipeline/matrix.js'
import { fitCase } from './estimator-check.js'
import { caseName, flat, loadCases, maxAbsDiff, report } from './sklearn-fixtures.js'

describe('logisticRegression matches scikit-learn (converged lbfgs)', () => {
  test.each(loadCases('logistic-regression').map((c) => [caseName(c), c] as const))('%s', async (_, c) => {
    const { model, predicted } = await fitCase('logisticRegression', c)
    const proba = model.predictProba!(fromRows(c.X_test))
    const worst = maxAbsDiff(proba.data, flat(c.predictProba!))
    report(`logisticRegression ${caseName(c)} proba`, worst)
    expect(worst).toBeLessThan(3e-4)
    const fromOptimum = maxAbsDiff(proba.data, flat(c.predictProbaOptimum!))
    report(`logisticRegression ${caseName(c)} proba vs newton-cg optimum`, fromOptimum)
    expect(fromOptimum).toBeLessThan(1e-6)
    // predictions agree wherever sklearn's two best classes are not within the probability tolerance
    c.predictProba!.forEach((p, i) => {
      const sorted = [...p].sort((a, b) => b - a)
      if (sorted[0] - sorted[1] > 2e-3) expect(predicted[i]).toBe(c.predict![i])
    })
  })
})
