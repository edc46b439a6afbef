import type { ParamValue } from '../model/types.js'
import { matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, FitContext, SavesState } from '../pipeline/types.js'
import { seededRandom } from '../random.js'
import { accumulateTree, buildTree, type Tree } from './cart.js'
import { argmaxRows } from '../pipeline/matrix.js'
import { notFitted, regressionHasNoProba } from './tree-output.js'
import { cartOptions, checkLabels, treeParamSpecs } from './tree-params.js'
import { decodeTree, encodeTree, type TreeState } from './tree-state.js'

interface DecisionTreeState { classification: boolean; tree: TreeState }

export const definition: ComponentDefinition = {
  name: 'decisionTree',
  kind: 'estimator',
  tasks: ['classification', 'regression'],
  description: 'CART decision tree, like scikit-learn DecisionTreeClassifier / DecisionTreeRegressor',
  params: treeParamSpecs(null),
  async create(params) {
    return new DecisionTree(params)
  },
  async restore(params, state) {
    return new DecisionTree(params).loadState(state as DecisionTreeState)
  },
}

class DecisionTree implements Estimator, SavesState {
  private tree?: Tree
  private classification = false
  constructor(private readonly params: Record<string, ParamValue>) {}

  fit(X: Matrix, y: Float64Array, ctx: FitContext): void {
    checkLabels(y, ctx)
    this.classification = ctx.task === 'classification'
    // The seed orders the features tried at each node, which decides between equally good splits.
    this.tree = buildTree(X, y, null, cartOptions(this.params, X.cols, ctx), seededRandom(ctx.seed))
  }

  predict(X: Matrix): Float64Array {
    const out = this.leafValues(X)
    return this.classification ? argmaxRows(out) : out.data
  }

  predictProba(X: Matrix): Matrix {
    if (this.tree && !this.classification) throw regressionHasNoProba('decisionTree')
    return this.leafValues(X)
  }

  private leafValues(X: Matrix): Matrix {
    if (!this.tree) throw notFitted('decisionTree')
    const out = matrix(X.rows, this.tree.width)
    accumulateTree(this.tree, X, out.data)
    return out
  }

  saveState(): DecisionTreeState {
    if (!this.tree) throw notFitted('decisionTree')
    return { classification: this.classification, tree: encodeTree(this.tree) }
  }

  loadState(state: DecisionTreeState): this {
    this.classification = state.classification
    this.tree = decodeTree(state.tree)
    return this
  }
}
