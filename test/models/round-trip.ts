import { loadComponent } from '../../src/core/estimators/registry.js'
import { restorePipeline, type SavedModel } from '../../src/core/models/saved-model.js'
import { fromRows } from '../../src/core/pipeline/matrix.js'
import type { Estimator, SavesState, Transformer } from '../../src/core/pipeline/types.js'
import { build, prepare, type SklearnCase } from '../estimators/sklearn-fixtures.js'

/**
 * Fits `component` on a fixture case, saves its state through JSON text (as model.json does), restores it
 * and returns both predictions: a saved model must predict bit-identically.
 */
export async function roundTrip(component: string, c: SklearnCase): Promise<{ state: unknown; before: number[]; after: number[]; probaBefore?: number[]; probaAfter?: number[] }> {
  const { Xtrain, ytrain, Xtest, ctx } = prepare(c)
  const model = await build<Estimator & Partial<Transformer> & SavesState>(component, c.params)
  model.fit(Xtrain, ytrain, ctx)
  const definition = (await loadComponent(component))!
  const params = Object.fromEntries(Object.entries(definition.params).map(([k, spec]) => [k, k in c.params ? c.params[k] : spec.default]))
  const state = model.saveState()
  const saved: SavedModel = JSON.parse(JSON.stringify({
    formatVersion: 1, task: c.task, features: [], steps: [{ component, params, state }],
  }))
  if (definition.kind === 'transformer') {
    const restored = await definition.restore!(params, saved.steps[0].state) as Transformer
    return { state, before: Array.from(model.transform!(Xtest).data), after: Array.from(restored.transform(fromRows(c.X_test)).data) }
  }
  const again = (await restorePipeline(saved, loadComponent)).predict(fromRows(c.X_test))
  const probaBefore = c.task === 'classification' && model.predictProba ? Array.from(model.predictProba(Xtest).data) : undefined
  return { state, before: Array.from(model.predict(Xtest)), after: Array.from(again.predicted), probaBefore, probaAfter: again.probabilities && Array.from(again.probabilities.data) }
}
