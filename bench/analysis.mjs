// Issue 9's figures: run list / compare_metrics at 10,000 runs against the cold start of `padre --version`,
// a --where query at 100,000 runs, the index update per recorded run, and the cold start of `run list` on
// an empty store against `node -e 0`. Runs are written as files directly (not executed). Build first.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { RunIndex } from '../dist/backends/index/run-index.js'
import { median, timeProcess } from './measure.mjs'

const BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const round = (x) => Math.round(x * 100) / 100


const ENV = { node: process.version, os: 'linux', arch: 'x64', cpus: 2, cpuModel: 'bench', padre: '0.1.0', packages: {}, datasetHash: 'h' }

/** `runs` runs spread over `experiments` experiment repositories (each a git repository with one commit). */
export function fill(root, runs, experiments = 10) {
  const git = { GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' }
  for (let e = 0; e < experiments; e++) {
    const dir = join(root, 'projects', 'Bench', 'experiments', `e${e}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'experiment.json'), JSON.stringify({ schemaVersion: 1, id: `Bench:e${e}`, project: 'Bench', name: `e${e}`, createdAt: '2026-01-01T00:00:00Z', dataset: 'iris' }))
    execFileSync('git', ['init', '-q', '-b', 'main', dir])
    execFileSync('git', ['-C', dir, 'add', 'experiment.json'])
    execFileSync('git', ['-C', dir, 'commit', '-qm', 'init'], { env: { ...process.env, ...git } })
  }
  writeFileSync(join(root, 'projects', 'Bench', 'project.json'), JSON.stringify({ schemaVersion: 1, id: 'Bench', name: 'Bench', createdAt: '2026-01-01T00:00:00Z' }))
  for (let i = 0; i < runs; i++) {
    const e = `e${i % experiments}`
    const name = `2026${String(i).padStart(8, '0')}-0000`
    const dir = join(root, 'projects', 'Bench', 'experiments', e, 'executions', 'v1', 'runs', name)
    mkdirSync(dir, { recursive: true })
    const k = 1 + (i % 25)
    const accuracy = 0.8 + ((i * 7919) % 200) / 1000
    writeFileSync(join(dir, 'run.json'), JSON.stringify({
      schemaVersion: 1, id: `Bench:${e}:v1:${name}`, project: 'Bench', experiment: e, execution: 'v1', run: name, status: 'finished',
      startedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), durationMs: 100, dataset: 'iris',
      pipeline: [{ component: 'knn', params: { k } }], split: { strategy: 'cv', folds: 5 }, seed: 1, points: [{ 'knn.k': k }], environment: ENV,
      mainMetric: { name: 'accuracy', value: accuracy },
    }))
    writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ schemaVersion: 1, points: [{ point: 0, parameters: { 'knn.k': k }, mean: { accuracy, f1_macro: accuracy - 0.01 }, std: { accuracy: 0.02, f1_macro: 0.02 }, splits: 5 }] }))
  }
}

function sandbox(name) {
  const dir = mkdtempSync(join(tmpdir(), `padre-bench-${name}-`))
  const config = join(dir, 'padre.cfg')
  writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n`)
  return { dir, root: join(dir, 'root'), env: { PADRE_CONFIG: config, HOME: dir } }
}

export async function run({ small = Number(process.env.BENCH_ANALYSIS_RUNS ?? 10000), large = Number(process.env.BENCH_ANALYSIS_LARGE ?? 100000) } = {}) {
  const empty = sandbox('empty')
  const a = sandbox('10k')
  const b = sandbox('100k')
  try {
    const node = timeProcess(['-e', '0'], empty.env, 11)
    const version = timeProcess([BIN, '--version'], empty.env, 11)
    const emptyList = timeProcess([BIN, 'run', 'list'], empty.env, 11)

    fill(a.root, small)
    let t0 = performance.now()
    spawnSync(process.execPath, [BIN, 'run', 'list', '--json'], { env: { ...process.env, ...a.env }, maxBuffer: 1 << 30 })
    const firstBuild = performance.now() - t0
    const list = timeProcess([BIN, 'run', 'list', '--json'], a.env, 7)
    const listTable = timeProcess([BIN, 'run', 'list'], a.env, 7)
    const compare = timeProcess([BIN, 'metric', 'compare_metrics', '--json'], a.env, 7)
    const compareTable = timeProcess([BIN, 'metric', 'compare_metrics'], a.env, 7)

    fill(b.root, large, 20)
    t0 = performance.now()
    spawnSync(process.execPath, [BIN, 'run', 'list', '--limit', '1'], { env: { ...process.env, ...b.env }, maxBuffer: 1 << 30 })
    const largeBuild = performance.now() - t0
    const where = ['run', 'list', '--where', '{"metrics.accuracy": {"$gt": 0.99}, "params.knn.k": {"$in": [3, 5]}}', '--limit', '20']
    const whereMs = timeProcess([BIN, ...where], b.env, 5)

    // Index update per recorded run, in process: append one entry (what the run:ended handler does).
    const index = new RunIndex(a.root)
    const base = index.entries('Bench', 'e0')[0]
    const n = 500
    t0 = performance.now()
    for (let i = 0; i < n; i++) await index.record({ ...base.run, run: `${base.run.run}-${i}` }, base.metrics, async () => [])
    const update = (performance.now() - t0) / n

    return {
      node_cold_start_ms: round(node),
      version_cold_start_ms: round(version),
      empty_run_list_ms: round(emptyList),
      empty_run_list_vs_node: round(emptyList / node),
      runs: small,
      index_first_build_ms: round(firstBuild),
      run_list_json_ms: round(list),
      run_list_table_ms: round(listTable),
      compare_json_ms: round(compare),
      compare_table_ms: round(compareTable),
      run_list_json_vs_version: round(list / version),
      compare_json_vs_version: round(compare / version),
      large_runs: large,
      large_index_first_build_ms: round(largeBuild),
      where_ms: round(whereMs),
      where_vs_version: round(whereMs / version),
      index_update_per_run_ms: round(update),
    }
  } finally {
    for (const s of [empty, a, b]) rmSync(s.dir, { recursive: true, force: true })
  }
}
