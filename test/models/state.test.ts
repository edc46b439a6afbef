import { caseName, loadCases, type SklearnCase } from '../estimators/sklearn-fixtures.js'
import { roundTrip } from './round-trip.js'
import { treeCases } from './tree-cases.js'

/** Each built-in that saves its state: fitted, saved through JSON text, restored: the same numbers, bit for bit. */
const SAVED: Array<[fixture: string, component: string, cases: SklearnCase[]]> = [
  ['standard-scaler', 'standardScaler', loadCases('standard-scaler')],
  ['knn', 'knn', loadCases('knn')],
  ['min-max-scaler', 'minMaxScaler', loadCases('min-max-scaler')],
  ['pca', 'pca', loadCases('pca')],
  ['gaussian-nb', 'gaussianNB', loadCases('gaussian-nb')],
  ['logistic-regression', 'logisticRegression', loadCases('logistic-regression')],
  ['linear-regression', 'linearRegression', loadCases('linear-regression')],
  ['ridge', 'ridge', loadCases('ridge')],
  ['svc', 'svc', loadCases('svc')],
  ['trees_*', 'decisionTree', treeCases('decisionTree')],
  ['trees_*', 'randomForest', treeCases('randomForest')],
]

describe.each(SAVED)('%s: %s restores bit-identically', (_fixture, component, cases) => {
  test.each(cases.map((c) => [caseName(c), c] as const))('%s', async (_, c) => {
    const { state, before, after, probaBefore, probaAfter } = await roundTrip(component, c)
    // plain JSON: no typed arrays, no undefined fields, nothing JSON would change
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state)
    expect(before.length).toBeGreaterThan(0)
    expect(after).toEqual(before)
    expect(probaAfter).toEqual(probaBefore)
  })
})
