import { checkDefinition } from '../../src/core/definition/check-definition.js'
import { defineComponent } from '../../src/core/definition/define-component.js'
import { InvalidInputError } from '../../src/core/errors.js'
import { splitFunctionOf } from '../../src/core/splits/index.js'

const base = { project: 'p', name: 'e', dataset: 'iris', pipeline: [{ component: 'knn', params: {} }] }
const check = (over: Record<string, unknown>) => () => checkDefinition({ ...base, ...over }, 'def.ts')

test.each([
  [{ pipline: [] }, "def.ts: unknown key 'pipline'; did you mean 'pipeline'?"],
  [{ seeds: 1 }, "unknown key 'seeds'; did you mean 'seed'?"],
  [{ split: { strategy: 'random', test_ratio: 0.2 } }, "unknown key 'split.test_ratio'; did you mean 'testRatio'?"],
  [{ split: { strategy: 'cv', fold: 3 } }, "unknown key 'split.fold'; did you mean 'folds'?"],
  [{ split: { strategy: 'leaveoneout' } }, "'split.strategy' must be one of random, cv, stratified, explicit, function, leaveOneOut, not \"leaveoneout\"; did you mean 'leaveOneOut'?"],
  [{ split: { strategy: 'random', repeats: 2 } }, "'split.repeats' does not apply to strategy 'random' (it takes testRatio, shuffle)."],
  [{ split: { strategy: 'cv', splits: [] } }, "'split.splits' does not apply to strategy 'cv' (it takes folds, shuffle, repeats)."],
  [{ split: { strategy: 'explicit', splits: [{ train: [0], tset: [1] }] } }, "unknown key 'split.splits[0].tset'; did you mean 'test'?"],
  [{ split: { strategy: 'explicit' } }, "the explicit split needs 'split.splits'"],
  [{ split: { strategy: 'function', function: 'byParity' } }, "the function split needs 'split.function'"],
  [{ pipeline: [{ component: 'knn', parms: {} }] }, "unknown key 'pipeline[0].parms'; did you mean 'params'?"],
  [{ pipeline: [{ component: 'knn', params: {}, orgin: 'builtin' }] }, "unknown key 'pipeline[0].orgin'; did you mean 'origin'?"],
  [{ split: [] }, "'split' must be an object"],
])('%j: %s', (over, message) => {
  expect(check(over)).toThrow(message)
  expect(check(over)).toThrow(InvalidInputError)
})

test('known keys pass; metrics pass through untouched; explicit typed arrays become plain arrays', () => {
  const d = checkDefinition({ ...base, description: 'x', grid: { 'knn.k': [1] }, seed: 2, metrics: ['accuracy', { metric: 'mine' }], split: { strategy: 'explicit', splits: [{ train: Int32Array.from([0, 1]), test: [2] }] } }, 'def.ts')
  expect(d.metrics).toEqual(['accuracy', { metric: 'mine' }])
  expect(JSON.parse(JSON.stringify(d.split))).toEqual({ strategy: 'explicit', splits: [{ train: [0, 1], test: [2] }] })
})

test('a split function is recorded by name and source, the function kept off the record', () => {
  const byParity = () => [{ train: [0], test: [1] }]
  const d = checkDefinition({ ...base, split: { strategy: 'function', function: byParity } }, 'def.ts')
  expect(JSON.parse(JSON.stringify(d.split))).toEqual({ strategy: 'function', function: 'byParity', source: String(byParity) })
  expect(splitFunctionOf(d.split)).toBe(byParity)
})

test.each([
  [{ kind: 'estimater' }, "'kind' must be 'transformer' or 'estimator', not \"estimater\"; did you mean 'estimator'?"],
  [{ tasks: ['clustering'] }, "'tasks' must be a non-empty list of 'classification' and/or 'regression'"],
  [{ name: 'knn' }, "'knn' is a built-in component's name; pick another, e.g. 'myKnn'."],
  [{ params: { depth: { type: 'int', default: 0, min: 1 } } }, "the default of 'params.depth' is invalid: Parameter mine.depth must be an integer in [1, inf], not 0."],
  [{ params: { depth: { type: 'integer', default: 1 } } }, "'params.depth' has type \"integer\": use one of int, number, string, boolean, enum"],
  [{ params: { depth: { type: 'int', default: 1, minimum: 1 } } }, "unknown key 'params.depth.minimum'; did you mean 'min'?"],
  [{ creat: () => ({}) }, "unknown key 'creat'; did you mean 'create'?"],
])('defineComponent %j: %s', (over, message) => {
  const make = () => defineComponent({ name: 'mine', kind: 'estimator', tasks: ['classification'], create: () => ({ fit() {}, predict: () => [] }), ...over } as never)
  expect(make).toThrow(message)
  expect(make).toThrow(InvalidInputError)
})
