// Issue 9 item 6, the read commands at scale, every case interleaved round by round beside `node -e 0` and
// `padre --version` (so that load on the machine hits all alike): run list / compare_metrics --json at
// 10,000 runs from the stored answers, and --where at 100,000 runs on the query columns; each beside the
// same command with its derived file deleted first (what a command pays the first time after a change,
// close to the path before these files). Runs are written as files directly (bench/analysis.mjs's fill).
// Build first. BENCH_QUERY_RUNS / BENCH_QUERY_LARGE / BENCH_QUERY_ROUNDS change the sizes.
// Besides wall times, each case's CPU time (user + system, read by a preloaded probe at exit) with its ratios
// (`*_cpu_vs_*`): on a machine shared with other work, the wall time of a longer command loses more to waiting.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as wait } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { fill } from './analysis.mjs'
import { median } from './measure.mjs'

const BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const round = (x) => Math.round(x * 100) / 100

function sandbox(name) {
  const dir = mkdtempSync(join(tmpdir(), `padre-bench-${name}-`))
  const config = join(dir, 'padre.cfg')
  writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n`)
  return { dir, root: join(dir, 'root'), env: { ...process.env, PADRE_CONFIG: config, HOME: dir } }
}

// every case runs with it, node -e 0 too, so that its cost (a tiny CommonJS preload) is in all alike
const PROBE_TEXT = "process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeSync(2, `\\n@cpu ${(u.user + u.system) / 1000}\\n`) })\n"
let PROBE

/** Wall and CPU milliseconds of one run. */
function spawn(args, env) {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, ['--require', PROBE, ...args], { env, maxBuffer: 1 << 30 })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`)
  const cpu = /@cpu ([\d.]+)\n$/.exec(r.stderr.toString())
  if (!cpu) throw new Error(`${args.join(' ')}: no CPU time reported`)
  return { ms, cpu: Number(cpu[1]) }
}

/** Answers and columns trust no runs folder changed within the last second: wait until the filled ones are older. */
async function settle(root) {
  const base = join(root, 'projects', 'Bench', 'experiments')
  const newest = Math.max(...readdirSync(base).map((e) => statSync(join(base, e, 'executions', 'v1', 'runs')).mtimeMs))
  while (Date.now() - newest < 1100) await wait(50)
}

const removeAnswers = (root) => () => rmSync(join(root, 'index', 'answers'), { recursive: true, force: true })
const removeColumns = (root) => () => { for (const f of readdirSync(join(root, 'index', 'Bench'))) if (f.endsWith('.cols')) rmSync(join(root, 'index', 'Bench', f)) }

export async function run({ small = Number(process.env.BENCH_QUERY_RUNS ?? 10000), large = Number(process.env.BENCH_QUERY_LARGE ?? 100000), rounds = Number(process.env.BENCH_QUERY_ROUNDS ?? 7) } = {}) {
  const empty = sandbox('q-empty')
  PROBE = join(empty.dir, 'cpu-probe.cjs')
  writeFileSync(PROBE, PROBE_TEXT)
  const a = sandbox('q-10k')
  // the rebuilt cases delete every answer of their store: a store of their own keeps a's answers
  const a2 = sandbox('q-10k-rebuilt')
  const b = sandbox('q-100k')
  try {
    fill(a.root, small)
    fill(a2.root, small)
    fill(b.root, large, 20)
    await settle(a.root)
    await settle(a2.root)
    await settle(b.root)
    // the accuracy/k pattern of fill(): the first query matches no run, the second 500 per 100,000
    const none = '{"metrics.accuracy": {"$gt": 0.99}, "params.knn.k": {"$in": [3, 5]}}'
    const some = '{"metrics.accuracy": {"$gt": 0.99}, "params.knn.k": {"$in": [2, 4]}}'
    const cases = {
      node: [['-e', '0'], empty.env],
      version: [[BIN, '--version'], empty.env],
      empty_run_list: [[BIN, 'run', 'list'], empty.env],
      run_list_json: [[BIN, 'run', 'list', '--json'], a.env],
      run_list_json_rebuilt: [[BIN, 'run', 'list', '--json'], a2.env, removeAnswers(a2.root)],
      compare_json: [[BIN, 'metric', 'compare_metrics', '--json'], a.env],
      compare_json_rebuilt: [[BIN, 'metric', 'compare_metrics', '--json'], a2.env, removeAnswers(a2.root)],
      run_list_table: [[BIN, 'run', 'list'], a.env],
      compare_table: [[BIN, 'metric', 'compare_metrics'], a.env],
      where_none: [[BIN, 'run', 'list', '--where', none, '--limit', '20'], b.env],
      // deletes the columns of all 20 experiments (a new run rebuilds only its own experiment's); the command makes them again
      where_none_rebuilt: [[BIN, 'run', 'list', '--where', none, '--limit', '20'], b.env, removeColumns(b.root)],
      where_500: [[BIN, 'run', 'list', '--where', some, '--limit', '20'], b.env],
      where_500_rebuilt: [[BIN, 'run', 'list', '--where', some, '--limit', '20'], b.env, removeColumns(b.root)],
    }
    // warm-up: build the indexes, answers and columns once
    for (const [args, env] of Object.values(cases)) spawn(args, env)
    const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
    const cpuTimes = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
    for (let r = 0; r < rounds; r++) {
      for (const [name, [args, env, before]] of Object.entries(cases)) {
        before?.()
        const { ms, cpu } = spawn(args, env)
        times[name].push(ms)
        cpuTimes[name].push(cpu)
      }
    }
    const ms = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]))
    const cpu = Object.fromEntries(Object.entries(cpuTimes).map(([k, v]) => [k, median(v)]))
    const out = { runs: small, large_runs: large, rounds }
    for (const [k, v] of Object.entries(ms)) out[`${k}_ms`] = round(v)
    for (const [k, v] of Object.entries(cpu)) out[`${k}_cpu_ms`] = round(v)
    // ratios of the wall and the CPU figures, each against its own clock's baseline
    out.empty_run_list_vs_node = round(ms.empty_run_list / ms.node)
    for (const k of ['run_list_json', 'compare_json', 'run_list_table', 'where_none', 'where_500', 'run_list_json_rebuilt', 'where_500_rebuilt']) out[`${k}_vs_version`] = round(ms[k] / ms.version)
    out.empty_run_list_cpu_vs_node = round(cpu.empty_run_list / cpu.node)
    for (const k of ['run_list_json', 'compare_json', 'where_none', 'where_500']) out[`${k}_cpu_vs_version`] = round(cpu[k] / cpu.version)
    return out
  } finally {
    for (const s of [empty, a, a2, b]) rmSync(s.dir, { recursive: true, force: true })
  }
}
