import { fromRows } from '../../src/core/pipeline/matrix.js'
import { fitCase } from './estimator-check.js'
import { caseName, flat, loadCases, maxAbsDiff, maxRelDiff, report, type SklearnCase } from './sklearn-fixtures.js'

/** Test rows whose k-th and (k+1)-th nearest training rows are (nearly) equally far: the neighbour set is ambiguous. */
function tiedRows(c: SklearnCase): Set<number> {
  const k = c.params.k as number
  const tied = new Set<number>()
  c.X_test.forEach((q, i) => {
    const d = c.X_train.map((x) => Math.sqrt(x.reduce((s, v, j) => s + (v - q[j]) ** 2, 0))).sort((a, b) => a - b)
    if (k < d.length && d[k] - d[k - 1] <= 1e-9 * Math.max(1, d[k])) tied.add(i)
  })
  return tied
}

const keep = <T>(values: ArrayLike<T>, tied: Set<number>): T[] => Array.from(values).filter((_, i) => !tied.has(i))

describe('knn matches scikit-learn except on tied neighbour distances', () => {
  test.each(loadCases('knn').map((c) => [caseName(c), c] as const))('%s', async (_, c) => {
    const { model, predicted } = await fitCase('knn', c)
    const tied = tiedRows(c)
    // the fixtures must leave most rows to compare
    expect(tied.size).toBeLessThan(c.X_test.length / 2)
    const worst = maxRelDiff(keep(predicted, tied), keep(c.predict!, tied))
    const tiedDisagreements = [...tied].filter((i) => Math.abs(predicted[i] - c.predict![i]) > 1e-8 * Math.max(1, Math.abs(c.predict![i]))).length
    report(`knn ${caseName(c)} predict (${tied.size} tied rows excluded, ${tiedDisagreements} of them differ)`, worst)
    expect(worst).toBeLessThan(1e-8)
    if (c.task === 'classification') {
      const proba = model.predictProba!(fromRows(c.X_test))
      const K = c.nClasses
      const rowsOf = (data: ArrayLike<number>) => Array.from({ length: c.X_test.length }, (_, i) => Array.from(data).slice(i * K, (i + 1) * K))
      const worstProba = maxAbsDiff(flat(keep(rowsOf(proba.data), tied)), flat(keep(c.predictProba!, tied)))
      report(`knn ${caseName(c)} proba`, worstProba)
      expect(worstProba).toBeLessThan(1e-12)
    }
  })
})

test('equal distances break by training-row order; vote ties go to the smallest class', async () => {
  const { build } = await import('./sklearn-fixtures.js')
  const model = await build<import('../../src/core/pipeline/types.js').Estimator>('knn', { k: 2 })
  // rows 1 and 2 are both at distance 1 from the query; row 1 (class 1) comes first
  model.fit(fromRows([[0], [1], [-1], [5]]), Float64Array.from([0, 1, 2, 2]), { task: 'classification', nClasses: 3, seed: 0 })
  expect(Array.from(model.predictProba!(fromRows([[0]])).data)).toEqual([0.5, 0.5, 0])
  expect(Array.from(model.predict(fromRows([[0]])))).toEqual([0])
})
