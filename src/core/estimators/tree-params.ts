import { InvalidInputError } from '../errors.js'
import type { ParamValue, Task } from '../model/types.js'
import type { FitContext, ParamSpec } from '../pipeline/types.js'
import type { CartOptions, Criterion } from './cart.js'

/** The parameters decisionTree and randomForest share, named and defaulted as in scikit-learn. */
export function treeParamSpecs(maxFeaturesDefault: 'sqrt' | null): Record<string, ParamSpec> {
  return {
    criterion: {
      type: 'enum',
      values: ['gini', 'entropy', 'log_loss', 'squared_error'],
      default: null,
      nullable: true,
      description:
        'Split quality: gini, entropy or log_loss (same as entropy) for classification; squared_error for regression. ' +
        'null: gini for classification, squared_error for regression.',
    },
    maxDepth: {
      type: 'int',
      default: null,
      min: 1,
      nullable: true,
      description: 'Maximum depth of a tree; null grows until leaves are pure or smaller than minSamplesSplit.',
    },
    minSamplesSplit: {
      type: 'int',
      default: 2,
      min: 2,
      description: 'Minimum number of training rows a node needs to be split.',
    },
    minSamplesLeaf: {
      type: 'int',
      default: 1,
      min: 1,
      description: 'Minimum number of training rows in each leaf; a split that leaves fewer on either side is not considered.',
    },
    maxFeatures: {
      type: 'enum',
      values: ['sqrt', 'log2'],
      default: maxFeaturesDefault,
      nullable: true,
      description:
        'Features examined at each split: sqrt or log2 of the feature count (at least 1); null examines all.' +
        (maxFeaturesDefault === 'sqrt' ? " scikit-learn's RandomForestRegressor uses all features (null)." : ''),
    },
  }
}

export function cartOptions(params: Record<string, ParamValue>, cols: number, ctx: FitContext): CartOptions {
  return {
    criterion: resolveCriterion(params.criterion ?? null, ctx.task),
    nClasses: ctx.task === 'classification' ? ctx.nClasses : 0,
    maxDepth: params.maxDepth == null ? Infinity : Number(params.maxDepth),
    minSamplesSplit: Number(params.minSamplesSplit ?? 2),
    minSamplesLeaf: Number(params.minSamplesLeaf ?? 1),
    maxFeatures: resolveMaxFeatures(params.maxFeatures ?? null, cols),
  }
}

export function resolveCriterion(value: ParamValue, task: Task): Criterion {
  if (value === null) return task === 'classification' ? 'gini' : 'squared_error'
  const classification = value === 'gini' || value === 'entropy' || value === 'log_loss'
  if (task === 'classification' && classification) return value === 'gini' ? 'gini' : 'entropy'
  if (task === 'regression' && value === 'squared_error') return 'squared_error'
  throw new InvalidInputError(`criterion '${String(value)}' does not work for ${task}`, [
    task === 'classification' ? 'use gini, entropy or log_loss' : 'use squared_error',
    'or leave criterion unset (null) for the default of the task',
  ])
}

/** Features to examine per split. ParamSpec has no int-or-enum type, so sklearn's int and fraction forms are not offered. */
export function resolveMaxFeatures(value: ParamValue, cols: number): number {
  if (value === null) return cols
  if (value === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(cols)))
  if (value === 'log2') return Math.max(1, Math.floor(Math.log2(cols)))
  throw new InvalidInputError(`maxFeatures must be 'sqrt', 'log2' or null, not ${JSON.stringify(value)}`)
}

/** Classification: y must hold class indices 0..nClasses-1. */
export function checkLabels(y: Float64Array, ctx: FitContext): void {
  if (ctx.task !== 'classification') return
  for (let i = 0; i < y.length; i++) {
    const k = y[i]
    if (!Number.isInteger(k) || k < 0 || k >= ctx.nClasses) {
      throw new InvalidInputError(`row ${i}: class index ${k} is not an integer in 0..${ctx.nClasses - 1}`)
    }
  }
}
