// Issue 8 item 3: what saving a fitted component costs next to fitting it. Per built-in, on the same seeded
// 3,000 × 10 rows: fit time (the baseline, measured in the same run), the first saveState (as a computation
// pays it, JIT cold), the median of BENCH_REPEATS warm saves and restores (restore from the JSON text), and
// the JSON size. Build first (reads dist/).
import { performance } from 'node:perf_hooks'
import { mulberry32 } from './estimators.mjs'
import { median } from './measure.mjs'

const ROWS = 3_000
const COLS = 10
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5)
const round = (x) => Math.round(x * 100) / 100

const COMPONENTS = [
  ['standardScaler', 'classification', {}],
  ['minMaxScaler', 'classification', {}],
  ['pca', 'classification', {}],
  ['knn', 'classification', {}],
  ['gaussianNB', 'classification', {}],
  ['logisticRegression', 'classification', {}],
  ['svc', 'classification', {}],
  ['decisionTree', 'classification', {}],
  ['randomForest', 'classification', { nEstimators: 20 }],
  ['linearRegression', 'regression', {}],
  ['ridge', 'regression', {}],
]

/** Three overlapping classes (classification) and a noisy linear target (regression) on the same rows. */
function makeData(matrix) {
  const random = mulberry32(7)
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const centres = Array.from({ length: 3 }, () => Array.from({ length: COLS }, normal))
  const X = matrix(ROWS, COLS)
  const classes = new Float64Array(ROWS)
  const values = new Float64Array(ROWS)
  for (let i = 0; i < ROWS; i++) {
    const c = Math.floor(random() * 3)
    classes[i] = c
    for (let j = 0; j < COLS; j++) X.data[i * COLS + j] = centres[c][j] + 1.5 * normal()
    for (let j = 0; j < COLS; j++) values[i] += (j + 1) * X.data[i * COLS + j]
    values[i] += normal()
  }
  return { X, classes, values }
}

function time(fn) {
  const t0 = performance.now()
  const result = fn()
  return { ms: performance.now() - t0, result }
}

export async function run() {
  const { matrix } = await import('../dist/core/pipeline/matrix.js')
  const { loadComponent } = await import('../dist/core/estimators/registry.js')
  const { X, classes, values } = makeData(matrix)
  const out = { rows: ROWS, features: COLS, repeats: REPEATS, components: {} }
  for (const [name, task, given] of COMPONENTS) {
    const definition = await loadComponent(name)
    const params = { ...Object.fromEntries(Object.entries(definition.params).map(([k, spec]) => [k, spec.default])), ...given }
    const component = await definition.create(params)
    const y = task === 'classification' ? classes : values
    const fit = time(() => component.fit(X, y, { task, nClasses: task === 'classification' ? 3 : 0, seed: 1 }))
    const first = time(() => JSON.stringify(component.saveState()))
    const saves = []
    const restores = []
    for (let r = 0; r < REPEATS; r++) {
      saves.push(time(() => JSON.stringify(component.saveState())).ms)
      const t0 = performance.now()
      const restored = await definition.restore(params, JSON.parse(first.result))
      restores.push(performance.now() - t0)
      restored.dispose?.()
    }
    component.dispose?.()
    out.components[name] = {
      fitMs: round(fit.ms),
      firstSaveMs: round(first.ms),
      saveMs: round(median(saves)),
      restoreMs: round(median(restores)),
      jsonBytes: first.result.length,
      firstSaveToFit: round(first.ms / fit.ms),
    }
  }
  return out
}
