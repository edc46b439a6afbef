import type { SVC } from '../../src/core/estimators/svc.js'
import { fitCase } from './estimator-check.js'
import { caseName, loadCases } from './sklearn-fixtures.js'

describe('svc matches scikit-learn', () => {
  test.each(loadCases('svc').map((c) => [caseName(c), c] as const))('%s', async (_, c) => {
    const { model, predicted } = await fitCase('svc', c)
    expect(Array.from(predicted)).toEqual(c.predict)
    expect((model as SVC).supportIndices()).toEqual(c.supportIndices)
    ;(model as SVC).dispose()
  })
})
