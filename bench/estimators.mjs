// Issue 10 item 5: each built-in estimator's fit + predict against scikit-learn, single-threaded, on the
// same seeded 10,000 × 20 rows (7,500 train, 2,500 test; written once as CSV for both sides). Per case:
// the median of BENCH_REPEATS warm runs (warm-up excluded) and the first run in a fresh process (warm-up
// included, as a command-line run pays it), each with ratio = padre / scikit-learn, in CPU time (steady
// on a shared, loaded machine; both sides run one thread) and in wall time. Build first.
// BENCH_ESTIMATORS=knn-classification,svc picks cases. Cases marked `kernels` are also timed with linalg's
// WebAssembly kernels switched off (padre_js_*, kernels_speedup_* = JavaScript / kernels).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CASES } from './estimators-cases.mjs'
import { median } from './measure.mjs'

const HERE = fileURLToPath(new URL('.', import.meta.url))
const PYTHON = '/usr/bin/python3'
const ROWS = 10_000
const TRAIN = 7_500
const COLS = 20
const round = (x) => Math.round(x * 100) / 100

/** A small seeded generator (Mulberry32), shared by the benchmarks that make their own rows. */
export function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function normal(random) {
  const u = 1 - random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

/** Three overlapping Gaussian classes, and a noisy linear target on correlated features. */
export function makeData(dir, seed = 42) {
  const random = mulberry32(seed)
  const centres = Array.from({ length: 3 }, () => Array.from({ length: COLS }, () => normal(random)))
  const weights = Array.from({ length: COLS }, () => 3 * normal(random))
  const classification = []
  const regression = []
  for (let i = 0; i < ROWS; i++) {
    const c = Math.floor(random() * 3)
    classification.push([...centres[c].map((m) => m + 1.5 * normal(random)), c])
    const shared = normal(random)
    const x = Array.from({ length: COLS }, () => 0.5 * shared + normal(random))
    regression.push([...x, x.reduce((s, v, j) => s + v * weights[j], 0) + 2 * normal(random)])
  }
  for (const [name, rows] of [['classification', classification], ['regression', regression]]) {
    writeFileSync(join(dir, `${name}-train.csv`), rows.slice(0, TRAIN).map((r) => r.join(',')).join('\n') + '\n')
    writeFileSync(join(dir, `${name}-test.csv`), rows.slice(TRAIN).map((r) => r.join(',')).join('\n') + '\n')
  }
}

function child(command, args, env = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 })
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

function hasSklearn() {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import sklearn, threadpoolctl'], { stdio: 'ignore' }).status === 0
}

export async function run({ repeats = Number(process.env.BENCH_REPEATS ?? 3) } = {}) {
  const only = process.env.BENCH_ESTIMATORS?.split(',')
  const cases = only ? CASES.filter((c) => only.includes(c.name)) : CASES
  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-estimators-'))
  const sklearn = hasSklearn()
  const single = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }
  const out = { rows: ROWS, train: TRAIN, features: COLS, repeats, sklearn: sklearn ? 'scikit-learn via /usr/bin/python3, one thread' : 'not found: no baseline', cases: {} }
  try {
    makeData(dir)
    for (const c of cases) {
      process.stderr.write(`  ${c.name}\n`)
      const padre = child(process.execPath, [join(HERE, 'estimators-padre.mjs'), c.name, dir, String(repeats)])
      const sk = sklearn ? child(PYTHON, [join(HERE, 'estimators-sklearn.py'), JSON.stringify(c), dir, String(repeats)], single) : undefined
      const entry = {}
      for (const clock of ['cpu', 'wall']) {
        const mine = { warm: median(padre.warm.map((t) => t[clock])), cold: padre.cold[clock] }
        Object.assign(entry, { [`padre_${clock}_warm_ms`]: round(mine.warm), [`padre_${clock}_cold_ms`]: round(mine.cold) })
        if (!sk) continue
        const theirs = { warm: median(sk.warm.map((t) => t[clock])), cold: sk.cold[clock] }
        Object.assign(entry, {
          [`sklearn_${clock}_warm_ms`]: round(theirs.warm),
          [`sklearn_${clock}_cold_ms`]: round(theirs.cold),
          [`ratio_${clock}_warm`]: round(mine.warm / theirs.warm),
          [`ratio_${clock}_cold`]: round(mine.cold / theirs.cold),
        })
      }
      if (c.kernels) {
        const js = child(process.execPath, [join(HERE, 'estimators-padre.mjs'), c.name, dir, String(repeats)], { BENCH_KERNELS: 'off' })
        for (const clock of ['cpu', 'wall']) {
          const warm = median(js.warm.map((t) => t[clock]))
          Object.assign(entry, {
            [`padre_js_${clock}_warm_ms`]: round(warm),
            [`padre_js_${clock}_cold_ms`]: round(js.cold[clock]),
            [`kernels_speedup_${clock}_warm`]: round(warm / entry[`padre_${clock}_warm_ms`]),
            [`kernels_speedup_${clock}_cold`]: round(js.cold[clock] / entry[`padre_${clock}_cold_ms`]),
          })
        }
      }
      out.cases[c.name] = entry
    }
    out.target_ratio = 2
    return out
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
