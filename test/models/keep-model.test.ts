import { loadComponent } from '../../src/core/estimators/registry.js'
import { keepModel } from '../../src/core/models/keep-model.js'
import type { ResolvedStep } from '../../src/core/pipeline/resolve.js'

async function knnStep(): Promise<ResolvedStep> {
  const definition = (await loadComponent('knn'))!
  return { definition, params: { k: 1, weights: 'uniform' } }
}

test('a fitted pipeline becomes model.json', async () => {
  const step = await knnStep()
  const fitted = { saveState: () => ({ fitted: true }) }
  const kept = keepModel([step], [fitted], { task: 'classification', classes: ['a', 'b'], features: ['x'] })
  expect('artifact' in kept && JSON.parse(kept.artifact.content)).toMatchObject({ formatVersion: 1, classes: ['a', 'b'], features: ['x'], steps: [{ component: 'knn', state: { fitted: true } }] })
})

test('a component whose saveState fails leaves a note, not a failed computation', async () => {
  const step = await knnStep()
  const fitted = { saveState: () => { throw new Error('model memory unreadable\nsecond line') } }
  expect(keepModel([step], [fitted], { task: 'classification', features: ['x'] }))
    .toEqual({ note: 'no model.json: a component could not save its fitted state: model memory unreadable' })
})
