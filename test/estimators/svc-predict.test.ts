import fc from 'fast-check'
import type { ParamValue } from '../../src/core/model/types.js'
import type SVMClass from 'libsvm-js/asm.js'
import { loadComponent } from '../../src/core/estimators/registry.js'
import { loadLibsvmWasm } from '../../src/core/estimators/libsvm-wasm.js'
import { readModel, type LibsvmHeap, type LibsvmNumbers } from '../../src/core/estimators/libsvm-state.js'
import { DenseRbf } from '../../src/core/estimators/svc-predict.js'
import type { SVC } from '../../src/core/estimators/svc.js'
import { build } from './sklearn-fixtures.js'

type LibsvmModel = InstanceType<typeof SVMClass>
const libsvmOf = (svc: SVC): LibsvmModel => (svc as unknown as { model: LibsvmModel }).model
const batchOf = (svc: SVC): DenseRbf | null | undefined => (svc as unknown as { dense: DenseRbf | null | undefined }).dense

let defaults: Record<string, ParamValue>
let heap: LibsvmHeap
beforeAll(async () => {
  ({ heap } = await loadLibsvmWasm())
  defaults = Object.fromEntries(Object.entries((await loadComponent('svc'))!.params).map(([k, spec]) => [k, spec.default]))
})

/** Rows on a coarse grid (many equal distances, duplicated rows with different labels) or spread over magnitudes. */
const problem = fc.record({
  cols: fc.integer({ min: 1, max: 7 }),
  classes: fc.integer({ min: 2, max: 4 }),
  coarse: fc.boolean(),
  gamma: fc.constantFrom(null, 0.01, 0.5, 3, 40),
  C: fc.constantFrom(0.1, 1, 100),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  train: fc.integer({ min: 4, max: 80 }),
  test: fc.integer({ min: 1, max: 90 }),
})

function rows(n: number, cols: number, coarse: boolean, random: () => number): Float64Array {
  return Float64Array.from({ length: n * cols }, () => (coarse ? Math.floor(random() * 3) - 1 : (random() - 0.5) * 10 ** Math.floor(random() * 4 - 1)))
}

function mulberry(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe("svc's batch prediction (rbf) gives libsvm's own row-by-row predictions", () => {
  test('property: fitted and restored models, WebAssembly and JavaScript distances, blocks of 64 and groups of 8 queries cut anywhere, two to four classes, ties on a grid and values over four orders of magnitude', async () => {
    let batched = 0
    await fc.assert(
      fc.asyncProperty(problem, async (p) => {
        const random = mulberry(p.seed)
        const X = { rows: p.train, cols: p.cols, data: rows(p.train, p.cols, p.coarse, random) }
        const y = Float64Array.from({ length: p.train }, (_, i) => (i < p.classes ? i : Math.floor(random() * p.classes)))
        const T = { rows: p.test, cols: p.cols, data: rows(p.test, p.cols, p.coarse, random) }
        // the training rows themselves too: the points where a decision is most often exactly 0
        const Q = { rows: p.test + p.train, cols: p.cols, data: Float64Array.from([...T.data, ...X.data]) }
        const svc = await build<SVC>('svc', { C: p.C, gamma: p.gamma })
        svc.fit(X, y)
        const predicted = svc.predict(Q)
        if (batchOf(svc)) batched++
        const libsvm = libsvmOf(svc)
        const expected = Float64Array.from({ length: Q.rows }, (_, i) => libsvm.predictOne(Q.data.subarray(i * Q.cols, (i + 1) * Q.cols)))
        expect(Array.from(predicted)).toEqual(Array.from(expected))
        // the JavaScript loop that stands in where WebAssembly SIMD is missing
        const js = DenseRbf.from(readModel(heap, libsvm.model!), p.cols)
        if (js) {
          ;(js as unknown as { simd: undefined }).simd = undefined
          const out = new Float64Array(Q.rows)
          for (const i of js.predict(Q.data, Q.rows, out)) out[i] = expected[i]
          expect(Array.from(out)).toEqual(Array.from(expected))
        }
        const restored = (await (await loadComponent('svc'))!.restore!({ ...defaults, C: p.C, gamma: p.gamma }, JSON.parse(JSON.stringify(svc.saveState())))) as SVC
        expect(Array.from(restored.predict(Q))).toEqual(Array.from(expected))
        if (batchOf(restored)) batched++
        svc.dispose()
        restored.dispose()
      }),
      { numRuns: 150, seed: 7 },
    )
    // the property exercised the batch path, not only libsvm's own
    expect(batched).toBeGreaterThan(200)
  })
})

describe('DenseRbf', () => {
  const model = (over: Partial<LibsvmNumbers> = {}): LibsvmNumbers => ({
    svmType: 0,
    kernelType: 2,
    degree: 3,
    gamma: 1,
    coef0: 0,
    nrClass: 2,
    l: 2,
    label: Int32Array.of(5, 7),
    nSV: Int32Array.of(1, 1),
    rho: Float64Array.of(0),
    svCoef: Float64Array.of(1, -1),
    svLength: Int32Array.of(1, 1),
    svIndex: Int32Array.of(1, 1),
    svValue: Float64Array.of(-1, 1),
    ...over,
  })

  test('a row whose decision is exactly 0 is left to libsvm; the others get the vote', () => {
    const batch = DenseRbf.from(model(), 1)!
    const out = new Float64Array(3)
    expect(batch.predict(Float64Array.of(-0.5, 0, 0.5), 3, out)).toEqual([1])
    expect(out[0]).toBe(5)
    expect(out[2]).toBe(7)
  })

  test('only rbf models whose support vectors list every feature in order', () => {
    expect(DenseRbf.from(model(), 1)).toBeDefined()
    expect(DenseRbf.from(model({ kernelType: 0 }), 1)).toBeUndefined()
    expect(DenseRbf.from(model({ svIndex: Int32Array.of(1, 2) }), 1)).toBeUndefined()
    expect(DenseRbf.from(model({ svLength: Int32Array.of(2, 0) }), 1)).toBeUndefined()
  })
})
