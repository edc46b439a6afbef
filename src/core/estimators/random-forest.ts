import type { ParamValue } from '../model/types.js'
import { matrix, type Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, FitContext, SavesState } from '../pipeline/types.js'
import { randomInt, seededRandom } from '../random.js'
import { accumulateTree, buildTree, type Tree } from './cart.js'
import { argmaxRows } from '../pipeline/matrix.js'
import { notFitted, regressionHasNoProba } from './tree-output.js'
import { cartOptions, checkLabels, treeParamSpecs } from './tree-params.js'
import { decodeTree, encodeTree, type TreeState } from './tree-state.js'

interface RandomForestState { classification: boolean; trees: TreeState[] }

export const definition: ComponentDefinition = {
  name: 'randomForest',
  kind: 'estimator',
  tasks: ['classification', 'regression'],
  description:
    'Random forest of CART trees on bootstrap samples, averaging class probabilities or values, ' +
    'like scikit-learn RandomForestClassifier / RandomForestRegressor',
  params: {
    nEstimators: { type: 'int', default: 100, min: 1, description: 'Number of trees.' },
    ...treeParamSpecs('sqrt'),
    bootstrap: {
      type: 'boolean',
      default: true,
      description: 'Fit each tree on a bootstrap sample (n rows drawn with replacement); false fits every tree on all rows.',
    },
  },
  async create(params) {
    return new RandomForest(params)
  },
  async restore(params, state) {
    return new RandomForest(params).loadState(state as RandomForestState)
  },
}

class RandomForest implements Estimator, SavesState {
  private trees: Tree[] = []
  private classification = false
  constructor(private readonly params: Record<string, ParamValue>) {}

  fit(X: Matrix, y: Float64Array, ctx: FitContext): void {
    checkLabels(y, ctx)
    this.classification = ctx.task === 'classification'
    const options = cartOptions(this.params, X.cols, ctx)
    const nTrees = Number(this.params.nEstimators ?? 100)
    const bootstrap = this.params.bootstrap !== false
    // One seed per tree, drawn up front, so each tree depends only on its own seed.
    const seeds = seededRandom(ctx.seed)
    this.trees = []
    for (let t = 0; t < nTrees; t++) {
      const random = seededRandom(Math.floor(seeds() * 4294967296))
      let weights: Float64Array | null = null
      if (bootstrap) {
        weights = new Float64Array(X.rows)
        for (let i = 0; i < X.rows; i++) weights[randomInt(random, X.rows)]++
      }
      this.trees.push(buildTree(X, y, weights, options, random))
    }
  }

  predict(X: Matrix): Float64Array {
    const mean = this.meanOfTrees(X)
    return this.classification ? argmaxRows(mean) : mean.data
  }

  predictProba(X: Matrix): Matrix {
    if (this.trees.length > 0 && !this.classification) throw regressionHasNoProba('randomForest')
    return this.meanOfTrees(X)
  }

  private meanOfTrees(X: Matrix): Matrix {
    if (this.trees.length === 0) throw notFitted('randomForest')
    const out = matrix(X.rows, this.trees[0].width)
    for (const tree of this.trees) accumulateTree(tree, X, out.data, 1 / this.trees.length)
    return out
  }

  saveState(): RandomForestState {
    if (this.trees.length === 0) throw notFitted('randomForest')
    return { classification: this.classification, trees: this.trees.map(encodeTree) }
  }

  loadState(state: RandomForestState): this {
    const trees = state.trees.map(decodeTree)
    if (trees.length === 0 || trees.some((t) => t.width !== trees[0].width)) throw new Error('a saved randomForest needs at least one tree, all of the same output width')
    this.classification = state.classification
    this.trees = trees
    return this
  }
}
