import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ParamValue, Task } from '../../src/core/model/types.js'
import type { SklearnCase } from '../estimators/sklearn-fixtures.js'

/** The tree fixtures (test/fixtures/sklearn/make_tree_fixtures.py) hold one dataset and several models: one case per model of `component`. */
interface TreeFixture {
  task: Task
  classes: string[]
  train: { X: number[][]; y: number[] }
  test: { X: number[][]; y: number[] }
  models: Record<string, { params: Record<string, ParamValue> }>
}

export function treeCases(component: 'decisionTree' | 'randomForest'): SklearnCase[] {
  return ['iris', 'classification', 'friedman1'].flatMap((name) => {
    const fx = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/sklearn', `trees_${name}.json`), 'utf8')) as TreeFixture
    return Object.entries(fx.models)
      .filter(([key]) => key.startsWith(component))
      .map(([, model]) => ({
        dataset: `trees_${name}`,
        task: fx.task,
        nClasses: fx.classes.length,
        params: model.params,
        X_train: fx.train.X,
        y_train: fx.train.y,
        X_test: fx.test.X,
      }))
  })
}
