// Issue 10's figures for worker threads: a 9-point grid on 10,000 rows with --jobs 2 vs --jobs 1 (same
// process, same data), and the pool's overhead per computation on iris (a 1-thread pool vs this
// process, the same computations one after another). Build first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createApp } from '../dist/app/create-app.js'
import { loadDataset, openDataset } from '../dist/core/services/datasets.js'
import { executeExperiment } from '../dist/core/services/execute.js'
import { makeSplits } from '../dist/core/splits/index.js'
import { inProcessRunner } from '../dist/runtime/in-process.js'
import { poolRunner } from '../dist/runtime/pool.js'

const round = (x) => Math.round(x * 100) / 100

/** Seeded 10,000 × 20 rows, two informative directions, three classes. */
function syntheticCsv(rows = 10_000, cols = 20, seed = 7) {
  let s = seed >>> 0
  const rand = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296 }
  const lines = [[...Array.from({ length: cols }, (_, j) => `x${j}`), 'label'].join(',')]
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: cols }, () => rand() * 2 - 1)
    const score = x[0] + 0.5 * x[1] + 0.3 * (rand() - 0.5)
    lines.push([...x.map((v) => v.toFixed(6)), score < -0.4 ? 'a' : score < 0.4 ? 'b' : 'c'].join(','))
  }
  return lines.join('\n') + '\n'
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-scale-'))
  const config = join(dir, 'padre.cfg')
  writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n`)
  writeFileSync(join(dir, 'synthetic.csv'), syntheticCsv())
  try {
    const app = await createApp({ configFile: config, git: false })
    await loadDataset(app, { file: join(dir, 'synthetic.csv'), target: 'label', name: 'synthetic' })
    // BENCH_SCALE_GRID=svc runs the grid of issue 10's report (9 SVC fits: minutes on 2 cores); knn is the default.
    const grids = {
      knn: { 'knn.k': [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      svc: { 'svc.C': [0.1, 1, 10], 'svc.gamma': [null, 0.05, 0.2] },
    }
    const estimator = process.env.BENCH_SCALE_GRID ?? 'knn'
    const definition = (name) => ({
      project: 'Bench', name, dataset: 'synthetic', pipeline: [{ component: 'standardScaler', params: {} }, { component: estimator, params: {} }],
      split: { strategy: 'random', testRatio: 0.25 }, grid: grids[estimator], seed: 1,
    })
    const timed = async (jobs) => {
      const t0 = performance.now()
      const result = await executeExperiment(app, definition(`grid-jobs-${jobs}`), { jobs })
      return { ms: performance.now() - t0, points: result.metrics.points }
    }
    const one = await timed(1)
    const two = await timed(2)
    const identical = JSON.stringify(one.points) === JSON.stringify(two.points)

    // Overhead per computation: the same 50 iris computations through a 1-thread pool and in this process.
    const iris = await openDataset(app, 'iris')
    const pipeline = [{ component: 'knn', params: { k: 5 } }]
    const splits = makeSplits({ strategy: 'cv', folds: 50, shuffle: true }, iris.y, 1)
    const tasks = splits.map((split) => ({ split, point: 0, steps: [{ component: 'knn', params: { k: 5, weights: 'uniform' } }], seed: 1 }))
    const serially = async (runner) => { for (const t of tasks) await runner.evaluate(t) }
    const local = inProcessRunner({ dataset: iris, pipeline })
    const pool = await poolRunner({ dataset: iris, pipeline }, 1)
    await serially(local); await serially(pool) // warm both: module loading is not per computation
    const t0 = performance.now(); await serially(local); const localMs = performance.now() - t0
    const t1 = performance.now(); await serially(pool); const poolMs = performance.now() - t1
    await pool.close()
    return {
      cores: availableParallelism(),
      grid9_10000rows: { estimator, jobs1Ms: round(one.ms), jobs2Ms: round(two.ms), speedup: round(one.ms / two.ms), target: '>= 1.8 on 2 cores', identicalMetrics: identical, loadAverage: loadavg()[0] },
      poolOverheadPerComputation: { inProcessMs: round(localMs / tasks.length), poolMs: round(poolMs / tasks.length), overheadMs: round((poolMs - localMs) / tasks.length), target: '<= 2 ms' },
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
