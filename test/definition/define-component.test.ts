import { BUILTIN_COMPONENTS } from '../../src/core/definition/builtin-names.js'
import { checkDefinition } from '../../src/core/definition/check-definition.js'
import { defineComponent } from '../../src/core/definition/define-component.js'
import { ComponentError, InvalidInputError } from '../../src/core/errors.js'
import { COMPONENT_NAMES } from '../../src/core/estimators/registry.js'
import { fitPredict } from '../../src/core/pipeline/fit-predict.js'
import { inlineDefinition } from '../../src/core/pipeline/inline.js'
import { fromRows } from '../../src/core/pipeline/matrix.js'
import { expandGrid, resolvePipeline } from '../../src/core/pipeline/resolve.js'

const X = fromRows([[1, 2], [3, 4], [5, 6]])
const y = Float64Array.from([0, 1, 1])
const ctx = { task: 'classification' as const, nClasses: 2, classes: ['a', 'b'], seed: 1 }

const scale = defineComponent({
  name: 'scale', kind: 'transformer',
  params: { factor: { type: 'number', default: 2 } },
  create: ({ factor }) => ({ fit() {}, transform: (m) => Array.from({ length: m.rows }, (_, i) => [m.data[i * m.cols] * (factor as number), 0]) }),
})

const threshold = (over: Partial<Parameters<typeof defineComponent>[0]> = {}) => defineComponent({
  name: 'threshold', kind: 'estimator', tasks: ['classification'],
  params: { at: { type: 'number', default: 4 }, mode: { type: 'enum', values: ['lt', 'ge'], default: 'ge' } },
  async create({ at }) {
    return {
      async fit() {},
      predict: (m) => Float64Array.from({ length: m.rows }, (_, i) => (m.data[i * m.cols] >= (at as number) ? 1 : 0)),
      predictProba: (m) => Array.from({ length: m.rows }, (_, i) => (m.data[i * m.cols] >= (at as number) ? [0, 1] : [1, 0])),
    }
  },
  ...over,
})

test('the built-in names a user component may not take are the registry\'s', () => {
  expect([...BUILTIN_COMPONENTS].sort()).toEqual([...COMPONENT_NAMES].sort())
})

test('a factory makes a JSON-clean spec with origin definition, the definition attached', () => {
  const spec = threshold()({ at: 3 })
  expect(JSON.parse(JSON.stringify(spec))).toEqual({ component: 'threshold', params: { at: 3 }, origin: 'definition' })
  expect(inlineDefinition(spec)?.name).toBe('threshold')
  const checked = checkDefinition({ project: 'p', name: 'e', dataset: 'd', pipeline: [spec] }, 'def.ts')
  expect(inlineDefinition(checked.pipeline[0])?.name).toBe('threshold')
})

test('params default, validate and grid like a built-in\'s; sync and async parts run through the pipeline', async () => {
  const steps = await resolvePipeline([scale({ factor: 1 }), threshold()({ at: 5 })], 'classification')
  expect(steps.map((s) => s.params)).toEqual([{ factor: 1 }, { at: 5, mode: 'ge' }])
  expect(expandGrid(steps, { 'threshold.at': [2, 10], 'threshold.mode': ['lt'] })).toEqual([{ 'threshold.at': 2, 'threshold.mode': 'lt' }, { 'threshold.at': 10, 'threshold.mode': 'lt' }])
  expect(() => expandGrid(steps, { 'threshold.mode': ['gt'] })).toThrow(/threshold\.mode must be one of lt\|ge, not "gt"/)
  const out = await fitPredict(steps, { X, y }, X, ctx)
  expect(Array.from(out.predicted)).toEqual([0, 0, 1])
  expect(Array.from(out.probabilities!.data)).toEqual([1, 0, 1, 0, 0, 1])
})

test('user code that throws or answers wrongly is a ComponentError naming the component, the phase and this file', async () => {
  const run = async (estimator: ReturnType<typeof threshold>) => fitPredict(await resolvePipeline([estimator()], 'classification'), { X, y }, X, ctx)
  const throwing = threshold({ create: () => ({ fit() { throw new TypeError('bad fit') }, predict: () => [] }) })
  const error = await run(throwing).catch((e: unknown) => e) as ComponentError
  expect(error).toBeInstanceOf(ComponentError)
  expect(error.message).toMatch(/^Component 'threshold' failed in fit: bad fit \(.*define-component\.test\.ts:\d+\)$/)
  expect(error.detail).toMatchObject({ component: 'threshold', phase: 'fit', location: expect.stringMatching(/define-component\.test\.ts:\d+$/) })
  await expect(run(threshold({ create: () => ({ fit() {} }) as never }))).rejects.toThrow(/failed in create: create\(\) must return an object with fit and predict functions/)
  await expect(run(threshold({ create: () => { throw new Error('no memory') } }))).rejects.toThrow(/failed in create: no memory/)
  await expect(run(threshold({ create: () => ({ fit() {}, predict: () => [0, 1, 1], predictProba: () => [[1], [1], [1]] }) }))).rejects.toThrow(/failed in predictProba: returned 1 columns; expected 2/)
  await expect(run(threshold({ create: () => ({ fit() {}, predict: () => [0, 1, 0.5] }) }))).rejects.toThrow(/returned 0\.5 for row 2; a classifier predicts class indices 0\.\.1/)
})

test('a classifier may answer with class labels; an unknown label is a ComponentError', async () => {
  const labels = threshold({ create: () => ({ fit() {}, predict: () => ['b', 'a', 'b'] }) })
  const out = await fitPredict(await resolvePipeline([labels()], 'classification'), { X, y }, X, ctx)
  expect(Array.from(out.predicted)).toEqual([1, 0, 1])
  const unknown = threshold({ create: () => ({ fit() {}, predict: () => ['b', 'c', 'b'] }) })
  await expect(fitPredict(await resolvePipeline([unknown()], 'classification'), { X, y }, X, ctx)).rejects.toThrow(/returned "c" for row 1; predictions must be finite numbers \(class indices\) or class labels/)
})

test('a transformer returning the wrong number of rows is a ComponentError', async () => {
  const short = defineComponent({ name: 'short', kind: 'transformer', create: () => ({ fit() {}, transform: () => [[1]] }) })
  await expect(fitPredict(await resolvePipeline([short(), threshold()()], 'classification'), { X, y }, X, ctx)).rejects.toThrow(/Component 'short' failed in transform: returned 1 rows for 3 input rows/)
})

test.each([
  [{ name: 'a.b' }, /may not contain '\.'/],
  [{ name: 'bad name/' }, /Invalid component name/],
  [{ create: 'x' }, /'create' must be a function/],
  [{ tasks: [] }, /'tasks' must be a non-empty list/],
  [{ params: { at: { type: 'enum', default: 'x' } } }, /'params\.at' is an enum: give its values/],
  [{ params: { at: { type: 'number', default: 1, min: 3, max: 2 } } }, /'params\.at' has min 3 above max 2/],
  [{ params: { at: { type: 'number' } } }, /'params\.at' needs a default value/],
  [{ params: { 'a-b': { type: 'number', default: 1 } } }, /parameter name 'a-b' must be letters/],
  [{ descripton: 'x' }, /unknown key 'descripton'; did you mean 'description'\?/],
])('a bad definition %j is one clear InvalidInputError', (over, message) => {
  expect(() => threshold(over as never)).toThrow(message)
  expect(() => threshold(over as never)).toThrow(InvalidInputError)
})
