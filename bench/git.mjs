// Git recording cost per run: padre's git backend beside native `git add` + `git commit` of the
// same files, measured in the same process run. Build first (npm run build), then:
//   node -e "import('./bench/git.mjs').then(async m => console.log(JSON.stringify(await m.run(), null, 2)))"
// BENCH_GIT_RUNS sets the number of runs (default 1000).
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { FileBackend } from '../dist/backends/file/file-backend.js'
import { GitBackend } from '../dist/backends/git/git-backend.js'
import { EventBus } from '../dist/core/events.js'
import { paths } from '../dist/core/model/paths.js'
import { AUTHOR, SPLITS, benchExperiment, subscribeTimed } from './recorded-runs.mjs'

// Native git is timed on the first NATIVE_HEAD runs and the last NATIVE_TAIL; in between its
// repository is caught up 10 runs per commit, untimed, so that its index and history hold the
// same files when the last runs are timed (this keeps the whole benchmark near 2 minutes).
const NATIVE_HEAD = 100
const NATIVE_TAIL = 50

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
const round = (x) => Math.round(x * 100) / 100

function files(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...files(p))
    else out.push(p)
  }
  return out
}

export async function run() {
  const runs = Number(process.env.BENCH_GIT_RUNS ?? 1000)
  const root = mkdtempSync(join(tmpdir(), 'padre-bench-git-'))
  const native = join(root, 'native')
  const git = (...args) => execFileSync('git', args, { cwd: native, stdio: ['ignore', 'ignore', 'pipe'] })
  try {
    const bus = new EventBus()
    new FileBackend().subscribe(bus)
    const clock = { ms: 0 }
    subscribeTimed(bus, new GitBackend({ author: AUTHOR }), clock)

    const project = 'Bench'
    const experiment = 'iris-svc'
    const version = 'bench00000001'
    const record = await benchExperiment(bus, root, { project, experiment, version })

    mkdirSync(native)
    git('init', '-q', '-b', 'main')
    git('config', 'user.name', AUTHOR.name)
    git('config', 'user.email', AUTHOR.email)
    const expDir = paths.experiment(root, project, experiment)

    const padreMs = []
    const nativeMs = new Array(runs)
    let staged = []
    for (let i = 0; i < runs; i++) {
      clock.ms = 0
      const local = await record(i)
      padreMs.push(clock.ms)

      // Native git: the same files (copied, untimed), then `git add` + `git commit`, timed.
      const runDir = paths.run(root, project, experiment, version, local)
      const copied = [join(paths.execution(root, project, experiment, version), 'execution.json'), ...files(runDir)]
      for (const f of copied) {
        const target = join(native, relative(expDir, f))
        mkdirSync(dirname(target), { recursive: true })
        copyFileSync(f, target)
      }
      staged.push(...copied.map((f) => relative(expDir, f)))
      const timedRun = i < NATIVE_HEAD || i >= runs - NATIVE_TAIL
      if (timedRun || staged.length >= 10 * copied.length) {
        const t0 = performance.now()
        git('add', '--', ...staged)
        git('commit', '-q', '-m', `run ${local}: finished`)
        if (timedRun) nativeMs[i] = performance.now() - t0
        staged = []
      }
    }
    const nativeTimed = nativeMs.filter((x) => x !== undefined)

    const window = (xs, at) => xs.slice(Math.max(0, at - 5), at + 5)
    const early = Math.min(10, runs - 1)
    const late = runs - 5
    const padre = { medianMs: round(median(padreMs)), meanMs: round(mean(padreMs)), first100MedianMs: round(median(padreMs.slice(0, 100))), last50MedianMs: round(median(padreMs.slice(-NATIVE_TAIL))), maxMs: round(Math.max(...padreMs)) }
    const gitNative = { medianMs: round(median(nativeTimed)), meanMs: round(mean(nativeTimed)), first100MedianMs: round(median(nativeMs.slice(0, NATIVE_HEAD).filter((x) => x !== undefined))), last50MedianMs: round(median(nativeMs.slice(-NATIVE_TAIL).filter((x) => x !== undefined))), maxMs: round(Math.max(...nativeTimed)), timedRuns: nativeTimed.length }
    const run10 = median(window(padreMs, early))
    const runLast = median(window(padreMs, late))
    const filesPerRun = 1 + 1 + SPLITS * 3 // run.json, metrics.json, 3 per computation (+ execution.json once)
    return {
      runs,
      filesPerRun,
      padre,
      native: gitNative,
      ratioPadreToNative: round(median(padreMs.filter((_, i) => nativeMs[i] !== undefined)) / gitNative.medianMs),
      ratioPadreToNativeFirst100: round(padre.first100MedianMs / gitNative.first100MedianMs),
      ratioPadreToNativeLast50: round(padre.last50MedianMs / gitNative.last50MedianMs),
      growth: {
        note: `median of 10 runs around the 10th and around the ${runs}th`,
        run10Ms: round(run10),
        runLastMs: round(runLast),
        ratio: round(runLast / run10),
        nativeRun10Ms: round(median(window(nativeMs, early).filter((x) => x !== undefined))),
        nativeRunLastMs: round(median(window(nativeMs, late).filter((x) => x !== undefined))),
      },
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2))
}
