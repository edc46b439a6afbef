import { useLinalgKernels } from '../../src/core/estimators/linalg-wasm.js'
import type { Estimator, Transformer } from '../../src/core/pipeline/types.js'
import { build, caseName, loadCases, prepare } from './sklearn-fixtures.js'

// The JavaScript loops stay where WebAssembly (or its SIMD) is missing. The kernels do their arithmetic in
// the same order, so on every scikit-learn fixture case the fallback must give the very same numbers
// (and so match scikit-learn as the fixture tests check with the kernels on).
async function outputs(component: string, kind: 'estimator' | 'transformer', c: ReturnType<typeof loadCases>[number], kernelsOn: boolean): Promise<number[]> {
  useLinalgKernels(kernelsOn)
  try {
    const { Xtrain, ytrain, Xtest, ctx } = prepare(c)
    if (kind === 'transformer') {
      const t = await build<Transformer>(component, c.params)
      t.fit(Xtrain, ytrain, ctx)
      return [...t.transform(Xtrain).data, ...t.transform(Xtest).data]
    }
    const model = await build<Estimator>(component, c.params)
    model.fit(Xtrain, ytrain, ctx)
    // fitPredict's one pass for both (gaussianNB's kernelNaiveBayes), where the estimator has it
    const combined = (model as { predictWithProbabilities?(X: typeof Xtest): { predicted: Float64Array; probabilities: { data: Float64Array } } }).predictWithProbabilities?.(Xtest)
    return [...model.predict(Xtest), ...(model.predictProba ? model.predictProba(Xtest).data : []), ...(combined ? [...combined.predicted, ...combined.probabilities.data] : [])]
  } finally {
    useLinalgKernels(true)
  }
}

const components = [
  ['ridge', 'ridge', 'estimator'],
  ['linear-regression', 'linearRegression', 'estimator'],
  ['gaussian-nb', 'gaussianNB', 'estimator'],
  ['logistic-regression', 'logisticRegression', 'estimator'],
  ['pca', 'pca', 'transformer'],
  ['standard-scaler', 'standardScaler', 'transformer'],
] as const

describe.each(components)('%s: the JavaScript fallback gives the kernels\' results bit for bit', (file, component, kind) => {
  test.each(loadCases(file).map((c) => [caseName(c), c] as const))('%s', async (_, c) => {
    const withKernels = await outputs(component, kind, c, true)
    const fallback = await outputs(component, kind, c, false)
    expect(fallback).toEqual(withKernels)
  })
})
