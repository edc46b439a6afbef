import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadComponent } from '../../src/core/estimators/registry.js'
import { sortPairs } from '../../src/core/estimators/sort-pairs.js'
import type { ParamValue, Task } from '../../src/core/model/types.js'
import { fromRows } from '../../src/core/pipeline/matrix.js'
import type { ComponentDefinition, Estimator } from '../../src/core/pipeline/types.js'
import { seededRandom } from '../../src/core/random.js'

// Fixtures from test/fixtures/sklearn/make_tree_fixtures.py (scikit-learn 1.2.1).
interface Fixture {
  task: Task
  classes: string[]
  metric: 'accuracy' | 'r2'
  randomStates: number[]
  train: { X: number[][]; y: number[] }
  test: { X: number[][]; y: number[] }
  models: Record<string, { sklearn: string; params: Record<string, ParamValue>; score: { mean: number } }>
}

const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url))
const fixture = (name: string): Fixture => JSON.parse(readFileSync(join(here, '../fixtures/sklearn', `trees_${name}.json`), 'utf8'))

async function component(name: string): Promise<ComponentDefinition> {
  const definition = await loadComponent(name)
  if (!definition) throw new Error(`${name} is not registered`)
  return definition
}

async function fitted(name: string, params: Record<string, ParamValue>, fx: Fixture, seed: number): Promise<Estimator> {
  const definition = await component(name)
  const full: Record<string, ParamValue> = {}
  for (const [key, spec] of Object.entries(definition.params)) full[key] = spec.default
  const estimator = (await definition.create({ ...full, ...params })) as Estimator
  estimator.fit(fromRows(fx.train.X), Float64Array.from(fx.train.y), { task: fx.task, nClasses: fx.classes.length, seed })
  return estimator
}

function score(metric: Fixture['metric'], predicted: Float64Array, actual: number[]): number {
  if (metric === 'accuracy') return actual.filter((y, i) => predicted[i] === y).length / actual.length
  const mean = actual.reduce((a, b) => a + b, 0) / actual.length
  const residual = actual.reduce((s, y, i) => s + (y - predicted[i]) ** 2, 0)
  const total = actual.reduce((s, y) => s + (y - mean) ** 2, 0)
  return 1 - residual / total
}

// Both sides are averaged over several seeds: a single tree's score moves by a point or two with the seed
// (it decides between equally good splits), on our side as on scikit-learn's.
const cases = ['iris', 'classification', 'friedman1'].flatMap((name) => {
  const fx = fixture(name)
  return Object.entries(fx.models).map(([key, model]) => ({ name, fx, key, model }))
})

describe.each(cases)('$name: $key against scikit-learn', ({ fx, key, model }) => {
  it(`scores within ${fx.metric === 'accuracy' ? '2 accuracy points' : '0.03 R²'} of ${model.sklearn}`, async () => {
    const componentName = key.startsWith('randomForest') ? 'randomForest' : 'decisionTree'
    const scores: number[] = []
    for (const seed of fx.randomStates) {
      const estimator = await fitted(componentName, model.params, fx, seed)
      scores.push(score(fx.metric, estimator.predict(fromRows(fx.test.X)), fx.test.y))
    }
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length
    expect(Math.abs(mean - model.score.mean)).toBeLessThanOrEqual(fx.metric === 'accuracy' ? 0.02 : 0.03)
  })
})

describe('predictProba', () => {
  const fx = fixture('classification')
  it.each(['decisionTree', 'randomForest'])('%s: rows of class frequencies whose argmax is predict', async (name) => {
    const estimator = await fitted(name, {}, fx, 1)
    const X = fromRows(fx.test.X)
    const proba = estimator.predictProba!(X)
    const predicted = estimator.predict(X)
    expect([proba.rows, proba.cols]).toEqual([fx.test.y.length, fx.classes.length])
    for (let i = 0; i < proba.rows; i++) {
      const p = Array.from(proba.data.subarray(i * proba.cols, (i + 1) * proba.cols))
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
      expect(p.indexOf(Math.max(...p))).toBe(predicted[i])
    }
  })

  it('a tree grown to purity reproduces its training labels with probability 1', async () => {
    const estimator = await fitted('decisionTree', {}, fx, 0)
    const proba = estimator.predictProba!(fromRows(fx.train.X))
    fx.train.y.forEach((y, i) => expect(proba.data[i * proba.cols + y]).toBe(1))
  })
})

describe('seeds', () => {
  const fx = fixture('classification')
  const predict = async (name: string, seed: number, params: Record<string, ParamValue> = {}) =>
    Array.from((await fitted(name, { nEstimators: 20, ...params }, fx, seed)).predictProba!(fromRows(fx.test.X)).data)

  it('the same seed gives the same forest twice', async () => {
    expect(await predict('randomForest', 7)).toEqual(await predict('randomForest', 7))
  })
  it('a different seed gives a different forest', async () => {
    expect(await predict('randomForest', 7)).not.toEqual(await predict('randomForest', 8))
  })
  it('the same seed gives the same tree twice', async () => {
    const params = { maxFeatures: 'sqrt' }
    expect(await predict('decisionTree', 3, params)).toEqual(await predict('decisionTree', 3, params))
  })
})

describe('parameters', () => {
  const fx = fixture('iris')
  it('maxDepth 1 gives a stump: at most two distinct predictions', async () => {
    const predicted = (await fitted('decisionTree', { maxDepth: 1 }, fx, 0)).predict(fromRows(fx.train.X))
    expect(new Set(predicted).size).toBeLessThanOrEqual(2)
  })
  it('a regression criterion is refused for classification', async () => {
    await expect(fitted('decisionTree', { criterion: 'squared_error' }, fx, 0)).rejects.toThrow(/criterion/)
  })
  it('minSamplesLeaf bounds the training rows in every leaf', async () => {
    // Leaves of at least 20 of the 75 training rows: at most 3 leaves, so at most 3 distinct probability rows.
    const estimator = await fitted('decisionTree', { minSamplesLeaf: 20 }, fx, 0)
    const proba = estimator.predictProba!(fromRows(fx.train.X))
    const leaves = new Set<string>()
    for (let i = 0; i < proba.rows; i++) leaves.add(Array.from(proba.data.subarray(i * 3, i * 3 + 3)).join())
    expect(leaves.size).toBeLessThanOrEqual(Math.floor(fx.train.y.length / 20))
  })
})

describe('sortPairs', () => {
  it.each([0, 1, 2, 17, 1000])('sorts %i values and carries the index along, with many ties', (n) => {
    const random = seededRandom(n)
    const values = Float64Array.from({ length: n }, () => Math.floor(random() * 10) / 2)
    const original = values.slice()
    const index = Int32Array.from({ length: n }, (_, i) => i)
    sortPairs(values, index, 0, n)
    expect(Array.from(values)).toEqual(Array.from(original).sort((a, b) => a - b))
    index.forEach((from, to) => expect(values[to]).toBe(original[from]))
    expect(new Set(index).size).toBe(n)
  })
  it('sorts only the given slice', () => {
    const values = Float64Array.from([9, 3, 2, 1, 0])
    const index = Int32Array.from([0, 1, 2, 3, 4])
    sortPairs(values, index, 1, 4)
    expect(Array.from(values)).toEqual([9, 1, 2, 3, 0])
    expect(Array.from(index)).toEqual([0, 3, 2, 1, 4])
  })
})
