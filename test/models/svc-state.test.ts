import type SVMClass from 'libsvm-js/asm.js'
import { loadComponent } from '../../src/core/estimators/registry.js'
import { loadLibsvmWasm } from '../../src/core/estimators/libsvm-wasm.js'
import { readModel, sameModel, type LibsvmHeap, type LibsvmNumbers } from '../../src/core/estimators/libsvm-state.js'
import type { SVC } from '../../src/core/estimators/svc.js'
import { build, caseName, loadCases, prepare } from '../estimators/sklearn-fixtures.js'

// padre's svc runs on libsvm's WebAssembly build: its module is the memory the models live in.
let SVM: typeof SVMClass
let heap: LibsvmHeap
beforeAll(async () => {
  ({ SVM, heap } = await loadLibsvmWasm())
})

/** The numbers a prediction reads, straight from the model in libsvm's memory. */
const numbersOf = (svc: SVC): LibsvmNumbers => readModel(heap, (svc as unknown as { model: { model: number } }).model.model)

const cases = loadCases('svc').map((c) => [caseName(c), c] as const)

async function fitAndRestore(c: (typeof cases)[number][1]): Promise<{ fitted: SVC; restored: SVC; state: { model: string } }> {
  const { Xtrain, ytrain } = prepare(c)
  const fitted = await build<SVC>('svc', c.params)
  fitted.fit(Xtrain, ytrain)
  const definition = (await loadComponent('svc'))!
  const params = Object.fromEntries(Object.entries(definition.params).map(([k, spec]) => [k, k in c.params ? c.params[k] : spec.default]))
  const state = JSON.parse(JSON.stringify(fitted.saveState()))
  return { fitted, restored: (await definition.restore!(params, state)) as SVC, state }
}

describe('svc: the saved libsvm text holds every number exactly', () => {
  test.each(cases)('%s: rho, coefficients, support vectors and kernel parameters reload bit for bit', async (_, c) => {
    const { fitted, restored, state } = await fitAndRestore(c)
    expect(state.model.startsWith('svm_type c_svc\n')).toBe(true)
    expect(sameModel(numbersOf(restored), numbersOf(fitted))).toBe(true)
    expect(restored.supportIndices()).toEqual(c.supportIndices)
    fitted.dispose()
    restored.dispose()
  })

  test.each(cases)("%s: the saved text is libsvm's own text of the model, only with more digits", async (_, c) => {
    const { fitted, restored, state } = await fitAndRestore(c)
    const own = (fitted as unknown as { model: InstanceType<typeof SVM> }).model.serializeModel()
    const lines = (text: string): string[][] => text.trimEnd().split('\n').map((line) => line.trim().split(' '))
    const ours = lines(state.model)
    const theirs = lines(own)
    expect(ours.map((tokens) => tokens.length)).toEqual(theirs.map((tokens) => tokens.length))
    ours.forEach((tokens, i) => tokens.forEach((token, j) => {
      const [index, value] = token.includes(':') ? token.split(':') : [undefined, token]
      const [theirIndex, theirValue] = theirs[i][j].includes(':') ? theirs[i][j].split(':') : [undefined, theirs[i][j]]
      expect(index).toBe(theirIndex)
      if (Number.isNaN(Number(value))) expect(value).toBe(theirValue)
      // libsvm prints rho and gamma with %g: 6 significant digits
      else expect(Math.abs(Number(value) - Number(theirValue))).toBeLessThanOrEqual(5e-6 * Math.max(1e-300, Math.abs(Number(value))))
    }))
    fitted.dispose()
    restored.dispose()
  })

  test("libsvm's own text is not exact (rho and gamma at 6 digits, support vectors at 8), so the check above can fail", async () => {
    let lossy = 0
    for (const [, c] of cases) {
      const { Xtrain, ytrain } = prepare(c)
      const fitted = await build<SVC>('svc', c.params)
      fitted.fit(Xtrain, ytrain)
      const plain = SVM.load((fitted as unknown as { model: InstanceType<typeof SVM> }).model.serializeModel())
      if (!sameModel(readModel(heap, plain.model!), numbersOf(fitted))) lossy++
      plain.free()
      fitted.dispose()
    }
    expect(lossy).toBeGreaterThan(0)
  })

  test('a saved model whose text libsvm cannot read is refused', async () => {
    const [, c] = cases[0]
    const { fitted, state } = await fitAndRestore(c)
    const definition = (await loadComponent('svc'))!
    const params = Object.fromEntries(Object.entries(definition.params).map(([k, spec]) => [k, spec.default]))
    await expect(definition.restore!(params, { ...state, model: 'svm_type c_svc\nnot a model\n' })).rejects.toThrow(/libsvm could not read the saved model text \(unknown text in model file/)
    fitted.dispose()
  })
})

test('training rows of a single class (a fold can hold one): saved and restored, the same constant predictions', async () => {
  const definition = (await loadComponent('svc'))!
  const params = Object.fromEntries(Object.entries(definition.params).map(([k, spec]) => [k, spec.default]))
  const { matrix } = await import('../../src/core/pipeline/matrix.js')
  const X = matrix(6, 2, Float64Array.from({ length: 12 }, (_, i) => Math.sin(i) * 1e-8))
  const fitted = (await definition.create(params)) as SVC
  fitted.fit(X, new Float64Array(6).fill(2))
  const Q = matrix(3, 2, Float64Array.from([1, 2, -3, 4, 0, 0]))
  const state = JSON.parse(JSON.stringify(fitted.saveState()))
  expect(state.single).toBe(2)
  const restored = (await definition.restore!(params, state)) as SVC
  expect(Array.from(restored.predict(Q))).toEqual(Array.from(fitted.predict(Q)))
  expect(Array.from(restored.predict(Q))).toEqual([2, 2, 2])
  fitted.dispose()
})
