// Issue 2's figures: cold start, recording overhead per computation, and run list / compare_metrics
// over 1,000 recorded runs, each beside a baseline measured in the same run. Build first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { createApp } from '../dist/app/create-app.js'
import { executeExperiment } from '../dist/core/services/execute.js'
import { median, timeProcess } from './measure.mjs'

const BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const round = (x) => Math.round(x * 100) / 100


const definition = (name, split, estimator = 'knn') => ({ project: 'Bench', name, dataset: 'iris', pipeline: [{ component: estimator, params: {} }], split, seed: 1 })

export async function run({ runs = Number(process.env.BENCH_RUNS ?? 1000) } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-core-'))
  const config = join(dir, 'padre.cfg')
  writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n`)
  const env = { PADRE_CONFIG: config }
  try {
    const node = timeProcess(['-e', '0'], env, 15)
    const version = timeProcess([BIN, '--version'], env, 15)
    const emptyList = timeProcess([BIN, 'run', 'list'], env, 10)

    // Recording overhead: a 50-fold execute of a trivial model (1-nearest-neighbour on iris), in process,
    // minus its fit/predict time; the baseline writes the same three files per computation with plain writeFile.
    const app = await createApp({ configFile: config })
    await executeExperiment(app, definition('warm-up', { strategy: 'cv', folds: 5 }))
    const folds = 50
    const t0 = performance.now()
    const { run: recorded } = await executeExperiment(app, definition('overhead', { strategy: 'cv', folds }))
    const total = performance.now() - t0
    const fitPredict = await sumFitPredict(app, recorded)
    const overhead = (total - fitPredict) / folds
    const plain = await plainWrites(join(dir, 'plain'), app, recorded, folds)

    // 1,000 recorded runs (one computation each; files only, to fill the store quickly).
    const fill = await createApp({ configFile: config, git: false })
    for (let i = 0; i < runs; i++) await executeExperiment(fill, definition(`e${i % 10}`, { strategy: 'random' }))
    const list = timeProcess([BIN, 'run', 'list', '--json'], env, 7)
    const compare = timeProcess([BIN, 'metric', 'compare_metrics', '--json'], env, 7)

    return {
      node_cold_start_ms: round(node),
      version_cold_start_ms: round(version),
      version_vs_node: round(version / node),
      version_target_ratio: 2.5,
      run_list_empty_cold_ms: round(emptyList),
      run_list_empty_vs_node: round(emptyList / node),
      recording_overhead_per_computation_ms: round(overhead),
      plain_writes_per_computation_ms: round(plain),
      recording_vs_plain_writes: round(overhead / plain),
      recording_target_ms: 15,
      runs_recorded: runs,
      run_list_ms: round(list),
      compare_metrics_ms: round(compare),
      list_vs_node: round(list / node),
      compare_vs_node: round(compare / node),
      list_compare_target_ms: 300,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function sumFitPredict(app, run) {
  const { listComputations } = await import('../dist/core/services/computations.js')
  const computations = await listComputations(app, run.id)
  return computations.reduce((sum, c) => sum + c.timings.fitMs + c.timings.predictMs, 0)
}

async function plainWrites(dir, app, run, count) {
  const { getComputation } = await import('../dist/core/services/computations.js')
  const { computation, metrics, results } = await getComputation(app, `${run.id}:split-0-point-0`)
  const t0 = performance.now()
  for (let i = 0; i < count; i++) {
    const d = join(dir, String(i))
    await mkdir(d, { recursive: true })
    await writeFile(join(d, 'results.json'), JSON.stringify(results, null, 2))
    await writeFile(join(d, 'metrics.json'), JSON.stringify(metrics, null, 2))
    await writeFile(join(d, 'computation.json'), JSON.stringify(computation, null, 2))
  }
  return (performance.now() - t0) / count
}
