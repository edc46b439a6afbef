// Issue 7's metric figures, each beside a baseline measured in the same run. Build first.
// Scoring one 20,000-row, 5-class split through the registry vs the label metrics computed directly
// (the path before the registry); reevaluating a recorded run (no refit) vs executing it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { classificationMetrics, scoreSplit, selectMetrics } from '../dist/core/metrics/index.js'
import { createApp } from '../dist/app/create-app.js'
import { executeExperiment } from '../dist/core/services/execute.js'
import { reevaluateRun } from '../dist/core/services/reevaluate.js'
import { median } from './measure.mjs'

const round = (x) => Math.round(x * 100) / 100
const time = (f, times) => median(Array.from({ length: times }, () => { const t0 = performance.now(); f(); return performance.now() - t0 }))
async function timeAsync(f, times) {
  const ms = []
  for (let i = 0; i < times; i++) { const t0 = performance.now(); await f(); ms.push(performance.now() - t0) }
  return median(ms)
}

function split(n, k) {
  let seed = 7
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  const truth = Float64Array.from({ length: n }, () => Math.floor(rand() * k))
  const probabilities = Array.from(truth, (t) => { const r = Array.from({ length: k }, () => rand()); r[t] += 1; const s = r.reduce((a, b) => a + b); return r.map((x) => x / s) })
  const predicted = Float64Array.from(probabilities, (r) => r.indexOf(Math.max(...r)))
  return { task: 'classification', classes: Array.from({ length: k }, (_, i) => `c${i}`), truth, predicted, probabilities }
}

export async function run() {
  const input = split(20_000, 5)
  const labelOnly = selectMetrics(['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'precision_micro', 'recall_micro', 'f1_micro', 'precision_weighted', 'recall_weighted', 'f1_weighted'], 'classification', input.classes)
  const all = selectMetrics(undefined, 'classification', input.classes)
  const scoring = {
    rows: 20_000, classes: 5,
    baselineLabelMetricsDirectMs: round(time(() => classificationMetrics(input.truth, input.predicted, 5), 21)),
    registryLabelMetricsMs: round(time(() => scoreSplit(labelOnly, { ...input }), 21)),
    registryAllMetricsMs: round(time(() => scoreSplit(all, { ...input }), 21)),
  }

  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-metrics-'))
  const config = join(dir, 'padre.cfg')
  writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n`)
  try {
    const app = await createApp({ configFile: config })
    const definition = { project: 'Bench', name: 'rf', dataset: 'iris', pipeline: [{ component: 'randomForest', params: {} }], split: { strategy: 'cv', folds: 10 }, seed: 1 }
    let last
    const executeMs = await timeAsync(async () => { last = (await executeExperiment(app, definition)).run }, 5)
    const reevaluateMs = await timeAsync(() => reevaluateRun(app, last.id), 5)
    return {
      scoring,
      reevaluate: { run: 'randomForest on iris, 10 folds, recorded in git', baselineExecuteMs: round(executeMs), reevaluateAllMetricsMs: round(reevaluateMs) },
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
