import type { Estimator } from '../../src/core/pipeline/types.js'
import { build, caseName, loadCases, maxRelDiff, prepare, report, type SklearnCase } from './sklearn-fixtures.js'

export async function fitCase(component: string, c: SklearnCase): Promise<{ model: Estimator; predicted: Float64Array }> {
  const { Xtrain, ytrain, Xtest, ctx } = prepare(c)
  const model = await build<Estimator>(component, c.params)
  model.fit(Xtrain, ytrain, ctx)
  return { model, predicted: model.predict(Xtest) }
}

/** One test per fixture case: predictions within tol relative (max(1, |expected|)) of sklearn's. */
export function predictionsMatchSklearn(file: string, component: string, tol: number): void {
  test.each(loadCases(file).map((c) => [caseName(c), c] as const))('%s', async (_, c) => {
    const { predicted } = await fitCase(component, c)
    const worst = maxRelDiff(predicted, c.predict!)
    report(`${component} ${caseName(c)} predict`, worst)
    expect(worst).toBeLessThan(tol)
  })
}
