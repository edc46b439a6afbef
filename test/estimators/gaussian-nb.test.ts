import { fitCase } from './estimator-check.js'
import { caseName, flat, loadCases, maxAbsDiff, report } from './sklearn-fixtures.js'

describe('gaussianNB matches scikit-learn', () => {
  test.each(loadCases('gaussian-nb').map((c) => [caseName(c), c] as const))('%s', async (_, c) => {
    const { model, predicted } = await fitCase('gaussianNB', c)
    expect(Array.from(predicted)).toEqual(c.predict)
    const proba = model.predictProba!(prepareTest(c.X_test))
    const worst = maxAbsDiff(proba.data, flat(c.predictProba!))
    report(`gaussianNB ${caseName(c)} proba`, worst)
    expect(worst).toBeLessThan(1e-9)
  })
})

function prepareTest(rows: number[][]) {
  return { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) }
}
