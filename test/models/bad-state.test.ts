import { loadComponent } from '../../src/core/estimators/registry.js'
import type { ParamValue } from '../../src/core/model/types.js'
import type { Estimator, SavesState, Transformer } from '../../src/core/pipeline/types.js'
import { build, loadCases, prepare } from '../estimators/sklearn-fixtures.js'
import { treeCases } from './tree-cases.js'

/** A damaged saved state is refused with an error naming what is wrong, never turned into a model that predicts something else. */
async function savedState(component: string, file?: string): Promise<{ state: Record<string, unknown>; params: Record<string, ParamValue> }> {
  const c = file ? loadCases(file)[0] : treeCases(component as 'decisionTree' | 'randomForest')[0]
  const { Xtrain, ytrain, ctx } = prepare(c)
  const model = await build<(Estimator | Transformer) & SavesState>(component, c.params)
  model.fit(Xtrain, ytrain, ctx)
  const definition = (await loadComponent(component))!
  const params = Object.fromEntries(Object.entries(definition.params).map(([k, spec]) => [k, k in c.params ? c.params[k] : spec.default]))
  return { state: JSON.parse(JSON.stringify(model.saveState())), params }
}

async function restoring(component: string, params: Record<string, ParamValue>, state: unknown): Promise<unknown> {
  return (await loadComponent(component))!.restore!(params, state)
}

const b64 = (values: number[]): string => Buffer.from(Float64Array.from(values).buffer).toString('base64')

test('a float64 array whose bytes are cut short', async () => {
  const { state, params } = await savedState('minMaxScaler', 'min-max-scaler')
  await expect(restoring('minMaxScaler', params, { ...state, scales: (state.scales as string).slice(0, 6) })).rejects.toThrow('not a multiple of 8 bytes')
})

test('pca components that do not match its means', async () => {
  const { state, params } = await savedState('pca', 'pca')
  await expect(restoring('pca', params, { ...state, means: b64([1, 2]) })).rejects.toThrow(/a saved pca has \d+-feature components but 2 means/)
})

test('gaussianNB arrays of the wrong size', async () => {
  const { state, params } = await savedState('gaussianNB', 'gaussian-nb')
  await expect(restoring('gaussianNB', params, { ...state, nFeatures: 3 })).rejects.toThrow('does not hold 3 classes × 3 features')
})

test('logisticRegression weights of the wrong size', async () => {
  const { state, params } = await savedState('logisticRegression', 'logistic-regression')
  await expect(restoring('logisticRegression', params, { ...state, theta: b64([1, 2, 3]) })).rejects.toThrow('a saved logisticRegression does not hold 3 weight rows of 4 features and an intercept')
})

test('a linear model with two intercepts', async () => {
  const { state, params } = await savedState('ridge', 'ridge')
  await expect(restoring('ridge', params, { ...state, intercept: b64([1, 2]) })).rejects.toThrow('a saved ridge holds 2 intercepts, not 1')
})

test('a tree whose node links back (prediction would never reach a leaf)', async () => {
  const { state, params } = await savedState('decisionTree')
  const tree = state.tree as Record<string, string>
  const bytes = Buffer.from(tree.left, 'base64')
  const left = new Int32Array(bytes.byteLength / 4)
  new Uint8Array(left.buffer).set(bytes)
  left[0] = 0
  const damaged = { ...state, tree: { ...tree, left: Buffer.from(left.buffer).toString('base64') } }
  await expect(restoring('decisionTree', params, damaged)).rejects.toThrow("a saved tree's node 0 links outside the tree")
})

test('a forest without trees', async () => {
  const { state, params } = await savedState('randomForest')
  await expect(restoring('randomForest', params, { ...state, trees: [] })).rejects.toThrow('a saved randomForest needs at least one tree')
})
