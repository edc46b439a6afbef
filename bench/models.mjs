// Issue 8 item 3's figures: what keeping a model.json per computation costs a run (vs --no-models, the
// baseline, in the same process), and a cold `model predict` beside a cold `dataset list`. Build first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { createApp } from '../dist/app/create-app.js'
import { executeExperiment } from '../dist/core/services/execute.js'
import { registerModel } from '../dist/core/services/models.js'
import { median, timeProcess } from './measure.mjs'

const BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const round = (x) => Math.round(x * 100) / 100

const definition = (name, dataset, folds) => ({
  project: 'Bench', name, dataset, split: { strategy: 'cv', folds }, seed: 1,
  pipeline: [{ component: 'standardScaler', params: {} }, { component: 'knn', params: {} }],
})

export async function run({ repeats = Number(process.env.BENCH_REPEATS ?? 5) } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-models-'))
  const config = join(dir, 'padre.cfg')
  writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n`)
  try {
    const app = await createApp({ configFile: config })
    const out = {}
    for (const [dataset, folds] of [['iris', 50], ['diabetes', 20]]) {
      await executeExperiment(app, definition(`warm-${dataset}`, dataset, 5), { cache: false })
      const times = { models: [], none: [] }
      let last
      for (let i = 0; i < repeats; i++) {
        // Alternating, so that a slower moment of the machine hits both.
        for (const kind of ['models', 'none']) {
          const t0 = performance.now()
          const result = await executeExperiment(app, definition(`${dataset}-${kind}`, dataset, folds), { cache: false, models: kind === 'models' })
          times[kind].push((performance.now() - t0) / folds)
          if (kind === 'models') last = result.run
        }
      }
      const local = 'split-0-point-0'
      const record = await app.store.computation(last.project, last.experiment, last.execution, last.run, local)
      out[dataset] = {
        computations_per_run: folds,
        with_models_per_computation_ms: round(median(times.models)),
        no_models_per_computation_ms: round(median(times.none)),
        models_vs_no_models: round(median(times.models) / median(times.none)),
        model_json_bytes: record.artifacts[0].size,
      }
      if (dataset === 'iris') await registerModel(app, `${last.id}:${local}`, { name: 'bench-iris' })
    }
    const env = { PADRE_CONFIG: config }
    const list = timeProcess([BIN, 'dataset', 'list', '--json'], env, 7)
    const predict = timeProcess([BIN, 'model', 'predict', 'bench-iris', '--dataset', 'iris', '--json'], env, 7)
    return {
      ...out,
      model_predict_iris_cold_ms: round(predict),
      dataset_list_cold_ms: round(list),
      predict_vs_dataset_list: round(predict / list),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
