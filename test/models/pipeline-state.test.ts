import { loadComponent } from '../../src/core/estimators/registry.js'
import { captureSteps, restorePipeline, type SavedModel } from '../../src/core/models/saved-model.js'
import type { ParamValue } from '../../src/core/model/types.js'
import { fitPredict } from '../../src/core/pipeline/fit-predict.js'
import { fromRows } from '../../src/core/pipeline/matrix.js'
import { resolvePipeline } from '../../src/core/pipeline/resolve.js'
import type { Estimator, Transformer } from '../../src/core/pipeline/types.js'
import { caseName, loadCases, prepare, type SklearnCase } from '../estimators/sklearn-fixtures.js'

/** Whole pipelines: fitted as a computation fits them, saved as model.json text, restored: the computation's predictions, bit for bit. */
const PIPELINES: Array<[name: string, steps: Array<[string, Record<string, ParamValue>]>]> = [
  ['standardScaler → pca → logisticRegression', [['standardScaler', {}], ['pca', { nComponents: 2 }], ['logisticRegression', { C: 0.5 }]]],
  ['minMaxScaler → svc', [['minMaxScaler', {}], ['svc', { C: 2 }]]],
]
// iris (3 classes), iris with two classes, and iris on two features
const DATA: SklearnCase[] = loadCases('svc').filter((c) => Object.keys(c.params).length === 0)

describe.each(PIPELINES)('%s restores bit-identically', (_, pipeline) => {
  test.each(DATA.map((c) => [caseName(c), c] as const))('%s', async (_, c) => {
    const steps = await resolvePipeline(pipeline.map(([component, params]) => ({ component, params })), c.task)
    const { Xtrain, ytrain, Xtest, ctx } = prepare(c)

    // what a computation records
    const recorded = await fitPredict(steps, { X: Xtrain, y: ytrain }, Xtest, ctx)

    // the same fit, kept, saved through JSON text as model.json is
    const components = await Promise.all(steps.map((s) => s.definition.create(s.params))) as Array<Transformer | Estimator>
    let X = Xtrain
    for (const t of components.slice(0, -1) as Transformer[]) {
      t.fit(X, ytrain, ctx)
      X = t.transform(X)
    }
    components[components.length - 1].fit(X, ytrain, ctx)
    const captured = captureSteps(steps, components)
    expect(captured?.map((s) => s.component)).toEqual(pipeline.map(([component]) => component))
    const model: SavedModel = JSON.parse(JSON.stringify({ formatVersion: 1, task: c.task, features: [], steps: captured }))

    const again = (await restorePipeline(model, loadComponent)).predict(fromRows(c.X_test))
    expect(Array.from(again.predicted)).toEqual(Array.from(recorded.predicted))
    expect(again.probabilities && Array.from(again.probabilities.data)).toEqual(recorded.probabilities && Array.from(recorded.probabilities.data))
    expect(new Set(recorded.predicted).size).toBeGreaterThan(1)
  })
})
