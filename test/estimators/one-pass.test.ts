import { loadComponent } from '../../src/core/estimators/registry.js'
import { fitPredict } from '../../src/core/pipeline/fit-predict.js'
import { matrix } from '../../src/core/pipeline/matrix.js'
import { withDefaults } from '../../src/core/pipeline/params.js'
import type { Estimator, Transformer } from '../../src/core/pipeline/types.js'
import { loadCases, prepare } from './sklearn-fixtures.js'

const iris = prepare(loadCases('logistic-regression')[0])

describe('predictions and probabilities from one pass equal predict and predictProba called apart', () => {
  test.each(['knn', 'gaussianNB', 'logisticRegression'])('%s', async (name) => {
    const definition = (await loadComponent(name))!
    const params = withDefaults(definition, {})
    const combined = await fitPredict([{ definition, params }], { X: iris.Xtrain, y: iris.ytrain }, iris.Xtest, iris.ctx)
    const model = (await definition.create(params)) as Estimator
    model.fit(iris.Xtrain, iris.ytrain, iris.ctx)
    expect(Array.from(combined.predicted)).toEqual(Array.from(model.predict(iris.Xtest)))
    expect(Array.from(combined.probabilities!.data)).toEqual(Array.from(model.predictProba!(iris.Xtest).data))
    expect(combined.probabilities!.rows).toBe(iris.Xtest.rows)
  })
})

test('pca hands over the training scores fit computed: the same values as transforming a copy of the rows', async () => {
  const definition = (await loadComponent('pca'))!
  const pca = (await definition.create(withDefaults(definition, { nComponents: 3 }))) as Transformer
  pca.fit(iris.Xtrain, iris.ytrain, iris.ctx)
  const handed = pca.transform(iris.Xtrain)
  const copy = pca.transform(matrix(iris.Xtrain.rows, iris.Xtrain.cols, Float64Array.from(iris.Xtrain.data)))
  expect(Array.from(handed.data)).toEqual(Array.from(copy.data))
  // a second transform of the same rows computes them again (not the buffer handed out, which the caller owns)
  const again = pca.transform(iris.Xtrain)
  expect(again).not.toBe(handed)
  expect(Array.from(again.data)).toEqual(Array.from(copy.data))
})
