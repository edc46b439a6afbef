import type { ParamValue, Task } from '../model/types.js'
import type { Matrix } from '../pipeline/matrix.js'
import type { ResolvedStep } from '../pipeline/resolve.js'
import type { ComponentState, Estimator, SavesState, Transformer } from '../pipeline/types.js'

/** model.json: a fitted pipeline, enough to predict again without refitting. */
export interface SavedModel {
  formatVersion: 1
  task: Task
  /** classification: the class labels in index order (predictions are indices into it). */
  classes?: string[]
  /** The feature columns the pipeline was fitted on, in order. */
  features: string[]
  steps: Array<{ component: string; params: Record<string, ParamValue>; state: ComponentState }>
}

/** The fitted components' states, or undefined when one of them cannot save itself (user code, an external command). */
export function captureSteps(steps: ResolvedStep[], fitted: unknown[]): SavedModel['steps'] | undefined {
  const out: SavedModel['steps'] = []
  for (let i = 0; i < steps.length; i++) {
    const component = fitted[i] as Partial<SavesState>
    if (typeof component.saveState !== 'function' || !steps[i].definition.restore) return undefined
    out.push({ component: steps[i].definition.name, params: steps[i].params, state: component.saveState() })
  }
  return out
}

export interface RestoredPipeline {
  predict(X: Matrix): { predicted: Float64Array; probabilities?: Matrix }
}

/** Rebuilds the fitted pipeline of a model.json; `load` finds a component definition by name (the built-in registry). */
export async function restorePipeline(
  model: SavedModel,
  load: (name: string) => Promise<import('../pipeline/types.js').ComponentDefinition | undefined>,
): Promise<RestoredPipeline> {
  const components: Array<Transformer | Estimator> = []
  for (const step of model.steps) {
    const definition = await load(step.component)
    if (!definition?.restore) throw new Error(`the saved model uses component '${step.component}', which this padre cannot restore`)
    components.push(await definition.restore(step.params, step.state))
  }
  const transformers = components.slice(0, -1) as Transformer[]
  const estimator = components[components.length - 1] as Estimator & { predictWithProbabilities?(X: Matrix): { predicted: Float64Array; probabilities: Matrix } }
  return {
    predict(X: Matrix) {
      let T = X
      for (const t of transformers) T = t.transform(T)
      if (model.task === 'classification' && estimator.predictWithProbabilities) return estimator.predictWithProbabilities(T)
      const predicted = estimator.predict(T)
      const probabilities = model.task === 'classification' && estimator.predictProba ? estimator.predictProba(T) : undefined
      return { predicted, probabilities }
    },
  }
}
