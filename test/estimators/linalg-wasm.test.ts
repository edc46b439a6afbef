import fc from 'fast-check'
import { centred, centredNormalEquations, columnMeans, columnVariances, gram, jacobi, jsLinearPredict, mean } from '../../src/core/estimators/linalg.js'
import { moduleBase64 } from '../../src/core/estimators/linalg-wasm-source.js'
import {
  kernelCentred, kernelClassMoments, kernelColumnMoments, kernelDesign, kernelJacobi, kernelJointLogLikelihood, kernelLinearPredict,
  kernelClassCounts, kernelNaiveBayes, kernelNormalEquations, kernels, kernelScores, kernelStandardise, MODULE, useLinalgKernels,
} from '../../src/core/estimators/linalg-wasm.js'
import { argmaxRows, matrix } from '../../src/core/pipeline/matrix.js'
import { jsDesign, softmaxLoss } from '../../src/core/estimators/logistic-regression.js'
import { classMoments, countClasses, normaliseRows } from '../../src/core/estimators/gaussian-nb.js'

/** linearRegression's refinement step in plain JavaScript: Xcᵀ (yc − Xc w). */
function residualCorrelation(X: Float64Array, n: number, p: number, means: Float64Array, y: Float64Array, yMean: number, w: Float64Array): Float64Array {
  const out = new Float64Array(p)
  for (let i = 0; i < n; i++) {
    let r = y[i] - yMean
    for (let j = 0; j < p; j++) r -= (X[i * p + j] - means[j]) * w[j]
    for (let j = 0; j < p; j++) out[j] += (X[i * p + j] - means[j]) * r
  }
  return out
}

const shape = fc.record({
  rows: fc.integer({ min: 1, max: 300 }),
  cols: fc.integer({ min: 1, max: 25 }),
  centre: fc.boolean(),
  scale: fc.integer({ min: -6, max: 6 }),
  seed: fc.integer(),
})
function data({ rows, cols, scale, seed }: { rows: number; cols: number; scale: number; seed: number }) {
  let s = seed >>> 0
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.3) * 10 ** (scale + Math.floor(next2() * 3))
  let t = (seed ^ 0x5bd1e995) >>> 0
  const next2 = () => ((t = (Math.imul(t, 22695477) + 1) >>> 0) / 2 ** 32)
  const X = matrix(rows, cols, Float64Array.from({ length: rows * cols }, next))
  const y = Float64Array.from({ length: rows }, next)
  const w = Float64Array.from({ length: cols }, next)
  return { X, y, w }
}

// The kernels do the JavaScript loops' arithmetic in the same order, so the bound is 0: bit for bit.
describe('the WebAssembly linear-algebra kernels return exactly what the JavaScript loops return', () => {
  afterAll(() => useLinalgKernels(true))

  test('the ready-made module bytes are the ones linalg-wasm-source.ts builds (else paste moduleBase64() into MODULE)', () => {
    expect(MODULE).toBe(moduleBase64())
  })

  test('are available on this node (else the estimators silently use the JavaScript loops)', () => {
    expect(kernels()).not.toBeNull()
  })

  test('column means, centred normal equations and the refinement\'s residual correlation', () => {
    fc.assert(fc.property(shape, (s) => {
      const { X, y, w } = data(s)
      const k = kernelNormalEquations(X, y, s.centre)!
      const means = s.centre ? columnMeans(X) : new Float64Array(s.cols)
      const yMean = s.centre ? mean(y) : 0
      const js = centredNormalEquations(X, means, y, yMean)
      expect(k.means).toEqual(means)
      expect(k.yMean).toBe(yMean)
      expect(k.G).toEqual(js.G)
      expect(k.Xty).toEqual(js.Xty)
      expect(k.residualCorrelation(w)).toEqual(residualCorrelation(X.data, s.rows, s.cols, means, y, yMean, w))
    }), { numRuns: 200, seed: 7 })
  })

  test('XᵀX over more rows than one kernel call takes (the Gram matrix goes in chunks of 1,024 rows)', () => {
    for (const rows of [1024, 1025, 2049, 3000]) {
      const { X, y } = data({ rows, cols: 7, scale: 1, seed: rows })
      const means = columnMeans(X)
      const js = centredNormalEquations(X, means, y, mean(y))
      const k = kernelNormalEquations(X, y, true)!
      expect(k.G).toEqual(js.G)
      expect(k.Xty).toEqual(js.Xty)
      expect(kernelCentred(X)!.G).toEqual(gram(centred(X, means)))
    }
  })

  test('X w + b', () => {
    fc.assert(fc.property(shape, (s) => {
      const { X, w, y } = data(s)
      expect(kernelLinearPredict(X, w, y[0])).toEqual(jsLinearPredict(X, w, y[0]))
    }), { numRuns: 200, seed: 8 })
  })

  test('pca: centred Gram matrix and scores, on the rows\' own means or given ones', () => {
    fc.assert(fc.property(shape, fc.integer({ min: 1, max: 25 }), (s, kk) => {
      const { X, w } = data(s)
      const k = Math.min(kk, s.cols)
      const components = Float64Array.from({ length: k * s.cols }, (_, i) => w[i % s.cols] * (1 + i))
      const means = s.centre ? columnMeans(X) : w
      const Xc = centred(X, means)
      const scores = new Float64Array(s.rows * k)
      for (let i = 0; i < s.rows; i++) {
        for (let c = 0; c < k; c++) {
          let t = 0
          for (let j = 0; j < s.cols; j++) t += Xc.data[i * s.cols + j] * components[c * s.cols + j]
          scores[i * k + c] = t
        }
      }
      const kc = kernelCentred(X, s.centre ? undefined : w)!
      expect(kc.means).toEqual(means)
      expect(kc.G).toEqual(gram(Xc))
      expect(kc.project(components, k)).toEqual(scores)
      // svd_flip as pca.ts does it in JavaScript: per column, the first row with the largest |score| made positive
      const flipped: boolean[] = []
      for (let c = 0; c < k; c++) {
        let best = 0
        let bestAbs = -1
        for (let i = 0; i < s.rows; i++) {
          const a = Math.abs(scores[i * k + c])
          if (a > bestAbs) {
            bestAbs = a
            best = i
          }
        }
        flipped.push(scores[best * k + c] < 0)
        if (flipped[c]) for (let i = 0; i < s.rows; i++) scores[i * k + c] = -scores[i * k + c]
      }
      expect(kc.projectSigned(components, k)).toEqual({ scores, flipped })
    }), { numRuns: 200, seed: 9 })
  })

  test('gaussianNB: per-class means and squares, column variances, joint log-likelihood', () => {
    fc.assert(fc.property(shape, fc.integer({ min: 1, max: 5 }), (s, K) => {
      const { X, y, w } = data(s)
      const labels = y.map((v, i) => (i * 7 + Math.floor(Math.abs(v) * 1000)) % K)
      const counts = new Float64Array(K)
      for (const c of labels) counts[c]++
      const js = classMoments(X, labels, K, counts)
      const k = kernelClassMoments(X, labels, K, counts)!
      expect(k.means).toEqual(js.means)
      expect(k.squares).toEqual(js.squares)
      expect(k.columnVariances).toEqual(js.columnVariances)
      const vars = js.squares.map((v, i) => v + 0.1 + Math.abs(w[i % s.cols]))
      const bias = Float64Array.from({ length: K }, (_, c) => -c - 0.5)
      const expected = new Float64Array(s.rows * K)
      for (let i = 0; i < s.rows; i++) {
        for (let c = 0; c < K; c++) {
          let t = 0
          for (let j = 0; j < s.cols; j++) t += (X.data[i * s.cols + j] - js.means[c * s.cols + j]) ** 2 / vars[c * s.cols + j]
          expected[i * K + c] = bias[c] - 0.5 * t
        }
      }
      expect(kernelJointLogLikelihood(X, K, js.means, vars, bias)).toEqual(expected)
      const out = matrix(s.rows, K, expected)
      const predicted = argmaxRows(out)
      normaliseRows(out)
      expect(kernelNaiveBayes(X, K, js.means, vars, bias)).toEqual({ predicted, probabilities: out.data })
    }), { numRuns: 200, seed: 10 })
  })

  test('gaussianNB: the number of classes and each one\'s rows; a bad label left to the JavaScript (which names it)', () => {
    const label = fc.oneof(fc.integer({ min: 0, max: 7 }).map(Number), fc.constantFrom(-0, 4095, 4096, 1e9, -1, 0.5, 2.000001, NaN, Infinity, -Infinity))
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 7 }).map(Number), { maxLength: 300 }), fc.option(fc.tuple(label, fc.nat()), { freq: 2 }), fc.integer({ min: 0, max: 9 }), (values, odd, nClasses) => {
      const y = Float64Array.from(values)
      const withOdd = odd ? Float64Array.from([...y.slice(0, odd[1] % (y.length + 1)), odd[0], ...y.slice(odd[1] % (y.length + 1))]) : y
      let js: ReturnType<typeof countClasses> | Error
      try {
        js = countClasses(withOdd, nClasses)
      } catch (e) {
        js = e as Error
      }
      const k = kernelClassCounts(withOdd, nClasses)
      if (js instanceof Error) expect(k).toBeUndefined()
      else if (k) expect(k).toEqual(js)
      else expect(odd && odd[0] >= 4096).toBe(true)
    }), { numRuns: 3000, seed: 19 })
  })

  test('gaussianNB: predictions and probabilities from any joint log-likelihoods (ties, −∞, NaN, huge values)', () => {
    const kx = kernels()!
    const value = fc.oneof(fc.double({ min: -50, max: 50 }), fc.double({ min: -1e6, max: 0 }), fc.constantFrom(-Infinity, Infinity, NaN, 0, -0, -745, -1e308, 1e308), fc.double())
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 40 }), fc.array(value, { minLength: 240, maxLength: 240 }), fc.boolean(), (K, rows, values, tie) => {
      const jll = Float64Array.from(values.slice(0, rows * K))
      if (tie && jll.length > 1) for (let i = 0; i + 1 < jll.length; i += 2) jll[i + 1] = jll[i]
      const n = jll.length / K
      const out = matrix(n, K, jll.slice())
      const predicted = argmaxRows(out)
      normaliseRows(out)
      const heap = new Float64Array(kx.mem.buffer)
      heap.set(jll, 0)
      kx.nbproba(0, n, K, jll.length * 8)
      const after = new Float64Array(kx.mem.buffer)
      expect(after.slice(jll.length, jll.length + n)).toEqual(predicted)
      expect(after.slice(0, jll.length)).toEqual(out.data)
    }), { numRuns: 3000, seed: 17 })
  })

  test('logisticRegression: standardised rows, the linear map and the gradient', () => {
    fc.assert(fc.property(shape, fc.integer({ min: 1, max: 4 }), fc.boolean(), (s, free, intercept) => {
      const { X, y, w } = data(s)
      const q = s.cols + 1
      const theta = Float64Array.from({ length: free * q }, (_, i) => y[i % s.rows] + w[i % s.cols])
      const penalty = w.map((v) => Math.abs(v))
      const js = jsDesign(X, s.centre, free)
      const k = kernelDesign(X, s.centre, free)!
      expect(k.means).toEqual(js.means)
      expect(k.scales).toEqual(js.scales)
      js.linear(theta, free)
      k.linear(theta, free)
      expect(k.z).toEqual(js.z)
      const residuals = Float64Array.from({ length: free * s.rows }, (_, i) => y[i % s.rows] - 0.25 * (i % 3))
      js.z.set(residuals)
      k.z.set(residuals)
      const gJs = new Float64Array(free * q)
      const gK = new Float64Array(free * q)
      expect(k.gradient(theta, free, penalty, intercept, gK)).toBe(js.gradient(theta, free, penalty, intercept, gJs))
      expect(gK).toEqual(gJs)
    }), { numRuns: 200, seed: 12 })
  })

  test('standardScaler: column means and variances, (x − m) / s; logisticRegression\'s scores', () => {
    fc.assert(fc.property(shape, fc.integer({ min: 1, max: 4 }), (s, free) => {
      const { X, y, w } = data(s)
      const means = columnMeans(X)
      const k = kernelColumnMoments(X)!
      expect(k.means).toEqual(means)
      expect(k.variances).toEqual(columnVariances(X, means))
      const scales = w.map((v) => Math.abs(v) + 0.5)
      const expected = X.data.map((v, i) => (v - means[i % s.cols]) / scales[i % s.cols])
      expect(kernelStandardise(X, means, scales)).toEqual(expected)
      const q = s.cols + 1
      const W = Float64Array.from({ length: free * q }, (_, i) => y[i % s.rows] - w[i % s.cols])
      const scores = new Float64Array(s.rows * free)
      for (let i = 0; i < s.rows; i++) {
        for (let c = 0; c < free; c++) {
          let t = W[c * q + s.cols]
          for (let j = 0; j < s.cols; j++) t += W[c * q + j] * X.data[i * s.cols + j]
          scores[i * free + c] = t
        }
      }
      expect(kernelScores(X, W, free)).toEqual(scores)
    }), { numRuns: 200, seed: 13 })
  })

  test('pca: the Jacobi sweeps of symmetricEigen (Gram matrices, diagonal, zero and repeated entries), leaving the caller\'s rows alone', () => {
    fc.assert(fc.property(shape, fc.integer({ min: 0, max: 3 }), (s, kind) => {
      const { X } = data(s)
      const p = s.cols
      const G = gram(X)
      // 0: a Gram matrix; 1: diagonal; 2: all equal (rank one); 3: integers with ties
      const S = kind === 0 ? G : G.map((v, i) => (kind === 1 ? (Math.floor(i / p) === i % p ? v : 0) : kind === 2 ? 1 : Math.round(v) % 3))
      const kc = kernelCentred(X)!
      expect(kernelJacobi(S, p)).toEqual(jacobi(S, p))
      const components = Float64Array.from({ length: p }, (_, j) => j + 1)
      const Xc = centred(X, kc.means)
      expect(kc.project(components, 1)).toEqual(Float64Array.from({ length: s.rows }, (_, i) => {
        let t = 0
        for (let j = 0; j < p; j++) t += Xc.data[i * p + j] * components[j]
        return t
      }))
    }), { numRuns: 200, seed: 14 })
  })

  test('exp is Math.exp bit for bit (V8\'s fdlibm exp, operation for operation)', () => {
    const kx = kernels()!
    const specials = [0, -0, 1, -1, 0.5, 1e-300, -1e-300, 2 ** -28, -(2 ** -28), 709.78, 709.79, -745.13, -745.2, -708.4, 1024 * Math.LN2 - 1e-9, -1022 * Math.LN2, Infinity, -Infinity, NaN, 0.5 * Math.LN2, 1.5 * Math.LN2, -1.5 * Math.LN2]
    for (const x of specials) expect(kx.exp(x)).toBe(Math.exp(x))
    fc.assert(fc.property(fc.oneof(fc.double({ min: -800, max: 800 }), fc.double({ min: -1, max: 1 }), fc.double()), (x) => Object.is(kx.exp(x), Math.exp(x))), { numRuns: 20000, seed: 15 })
  })

  test('log is Math.log bit for bit (V8\'s fdlibm log, operation for operation): every exponent, subnormals, 1 ± ε, the edges', () => {
    const kx = kernels()!
    const bits = new BigUint64Array(1)
    const asDouble = new Float64Array(bits.buffer)
    const fromParts = (exponent: number, mantissa: bigint, negative: boolean) => {
      bits[0] = (BigInt(negative ? 1 : 0) << 63n) | (BigInt(exponent) << 52n) | mantissa
      return asDouble[0]
    }
    const specials = [0, -0, 1, -1, 2, 0.5, Math.E, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, Infinity, -Infinity, NaN, 1 + Number.EPSILON, 1 - Number.EPSILON / 2, 1 + 2 ** -20, 1 - 2 ** -20, 1 + 2 ** -21, Math.SQRT2, Math.SQRT1_2]
    for (const x of specials) expect(Object.is(kx.log(x), Math.log(x))).toBe(true)
    // every exponent (subnormals at 0, infinities and NaNs at 2047), either sign, any mantissa
    const anyDouble = fc.tuple(fc.integer({ min: 0, max: 2047 }), fc.bigInt({ min: 0n, max: (1n << 52n) - 1n }), fc.boolean()).map(([e, m, s]) => fromParts(e, m, s))
    const nearOne = fc.integer({ min: -(2 ** 22), max: 2 ** 22 }).map((u) => 1 + u * Number.EPSILON)
    const mantissaEdges = fc.tuple(fc.integer({ min: 0, max: 2047 }), fc.constantFrom(0n, 1n, 0x6147an << 32n, 0x6b851n << 32n, 0x95f64n << 32n, 0x6a09en << 32n, (1n << 52n) - 1n)).map(([e, m]) => fromParts(e, m, false))
    // each of fdlibm's branches: |f| < 2⁻²⁰, k = 0 (x in [√½, √2)), the band 0x6147a < hx < 0x6b851 (i > 0)
    const branches = fc.oneof(fc.double({ min: 0.7, max: 1.42, noNaN: true }), fc.double({ min: 1.38, max: 1.42, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }))
    fc.assert(fc.property(fc.oneof(anyDouble, nearOne, mantissaEdges, branches, fc.double()), (x) => Object.is(kx.log(x), Math.log(x))), { numRuns: 60000, seed: 18 })
    // and every exponent, exhaustively, at a few mantissas
    for (let e = 0; e <= 2047; e++) for (const m of [0n, 1n, 0x6147bn << 32n, 0x66666n << 32n, 0x95f63n << 32n, 0x95f64n << 32n, 0xfffffn << 32n, (1n << 52n) - 1n]) {
      const x = fromParts(e, m, false)
      expect(Object.is(kx.log(x), Math.log(x))).toBe(true)
    }
  })

  test('logisticRegression: the softmax loss and its gradient, including the running product\'s logs (thousands of rows)', () => {
    fc.assert(fc.property(shape, fc.integer({ min: 3, max: 5 }), fc.integer({ min: 1, max: 12 }), (s, K, spread) => {
      const rows = s.rows * spread
      const { X, y, w } = data({ ...s, rows, scale: Math.min(s.scale, 1) })
      const labels = Int32Array.from({ length: rows }, (_, i) => (i * 7 + Math.floor(Math.abs(y[i]) * 100)) % K)
      const q = s.cols + 1
      const theta = Float64Array.from({ length: K * q }, (_, i) => (y[i % rows] + w[i % s.cols]) * 0.1)
      const penalty = w.map((v) => Math.abs(v))
      const gJs = new Float64Array(K * q)
      const gK = new Float64Array(K * q)
      const fJs = softmaxLoss(jsDesign(X, s.centre, K), rows, labels, K, penalty, true)(theta, gJs)
      const design = kernelDesign(X, s.centre, K, labels)!
      expect(design.softmax).toBeDefined()
      expect(softmaxLoss(design, rows, labels, K, penalty, true)(theta, gK)).toBe(fJs)
      expect(gK).toEqual(gJs)
    }), { numRuns: 150, seed: 16 })
  })

  test('switched off, every entry point says so and the callers run JavaScript', () => {
    useLinalgKernels(false)
    const { X, y, w } = data({ rows: 3, cols: 2, scale: 0, seed: 1 })
    expect(kernelNormalEquations(X, y, true)).toBeUndefined()
    expect(kernelLinearPredict(X, w, 0)).toBeUndefined()
    expect(kernelCentred(X)).toBeUndefined()
    expect(kernelDesign(X, true, 2)).toBeUndefined()
    expect(kernelColumnMoments(X)).toBeUndefined()
    expect(kernelStandardise(X, w, w)).toBeUndefined()
    expect(kernelScores(X, y, 1)).toBeUndefined()
    expect(kernelJacobi(Float64Array.of(2, 1, 1, 2), 2)).toBeUndefined()
    expect(kernelClassMoments(X, Float64Array.of(0, 1, 0), 2, Float64Array.of(2, 1))).toBeUndefined()
    expect(kernelJointLogLikelihood(X, 1, w, w, w)).toBeUndefined()
    expect(kernelNaiveBayes(X, 1, w, w, w)).toBeUndefined()
    expect(kernelClassCounts(Float64Array.of(0, 1), 2)).toBeUndefined()
    useLinalgKernels(true)
  })
})
