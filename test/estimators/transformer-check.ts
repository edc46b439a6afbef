import type { Transformer } from '../../src/core/pipeline/types.js'
import { build, caseName, flat, loadCases, maxAbsDiff, prepare, report } from './sklearn-fixtures.js'

/** One test per fixture case: fit on the training rows, transform train and test, compare with sklearn. */
export function transformerMatchesSklearn(file: string, component: string, tol: number): void {
  test.each(loadCases(file).map((c) => [caseName(c), c] as const))('%s', async (_, c) => {
    const { Xtrain, ytrain, Xtest, ctx } = prepare(c)
    const t = await build<Transformer>(component, c.params)
    t.fit(Xtrain, ytrain, ctx)
    const train = t.transform(Xtrain)
    const test = t.transform(Xtest)
    expect([train.rows, train.cols]).toEqual([c.X_train.length, c.transformTrain![0].length])
    expect([test.rows, test.cols]).toEqual([c.X_test.length, c.transformTest![0].length])
    const worst = Math.max(maxAbsDiff(train.data, flat(c.transformTrain!)), maxAbsDiff(test.data, flat(c.transformTest!)))
    report(`${component} ${caseName(c)}`, worst)
    expect(worst).toBeLessThan(tol)
  })
}
