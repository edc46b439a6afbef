import { caseName, loadCases } from '../estimators/sklearn-fixtures.js'
import { roundTrip } from './round-trip.js'

/** Each built-in that saves its state: fitted, saved through JSON text, restored: the same numbers, bit for bit. */
const SAVED: Array<[file: string, component: string]> = [
  ['standard-scaler', 'standardScaler'],
  ['knn', 'knn'],
  ['min-max-scaler', 'minMaxScaler'],
  ['pca', 'pca'],
  ['gaussian-nb', 'gaussianNB'],
  ['logistic-regression', 'logisticRegression'],
  ['linear-regression', 'linearRegression'],
  ['ridge', 'ridge'],
]

describe.each(SAVED)('%s restores bit-identically', (file, component) => {
  test.each(loadCases(file).map((c) => [caseName(c), c] as const))('%s', async (_, c) => {
    const { state, before, after, probaBefore, probaAfter } = await roundTrip(component, c)
    // plain JSON: no typed arrays, no undefined fields, nothing JSON would change
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state)
    expect(before.length).toBeGreaterThan(0)
    expect(after).toEqual(before)
    expect(probaAfter).toEqual(probaBefore)
  })
})
