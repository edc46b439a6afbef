// Lean repositories (issue 8 item 5): disk bytes per recorded run before and after padre packs the
// repositories, beside native `git gc` of the same repositories (the baseline, in the same run), and
// the commit time per run early vs late with automatic packing on, beside the same with it off.
// Build first (npm run build), then: BENCH_ONLY=gc node bench/run.mjs. BENCH_GC_RUNS sets N (default 200).
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { FileBackend } from '../dist/backends/file/file-backend.js'
import { GitBackend } from '../dist/backends/git/git-backend.js'
import { diskUse, listLoose, packRepository } from '../dist/backends/git/pack-repo.js'
import { EventBus } from '../dist/core/events.js'
import { paths } from '../dist/core/model/paths.js'
import { AUTHOR, SPLITS, benchExperiment, subscribeTimed } from './recorded-runs.mjs'
import { median } from './measure.mjs'

const PROJECT = 'Bench'
const EXPERIMENT = 'iris-svc'
const VERSION = 'bench00000001'
const round = (x) => Math.round(x * 100) / 100

/** Runs recorded through the file and git backends: `one(i)` records run i and returns the git backend's milliseconds. */
async function recorder(root, autoPackLoose) {
  const bus = new EventBus()
  new FileBackend().subscribe(bus)
  const clock = { ms: 0 }
  subscribeTimed(bus, new GitBackend({ author: AUTHOR, autoPackLoose }), clock)
  const record = await benchExperiment(bus, root, { project: PROJECT, experiment: EXPERIMENT, version: VERSION })
  return async (i) => {
    clock.ms = 0
    await record(i)
    return clock.ms
  }
}

/** Record `runs` runs into each root, alternating between them so that both see the same machine load. */
export async function record(roots, runs) {
  const recorders = await Promise.all(roots.map(({ root, autoPackLoose }) => recorder(root, autoPackLoose)))
  const ms = roots.map(() => [])
  for (let i = 0; i < runs; i++) for (const [k, one] of recorders.entries()) ms[k].push(await one(i))
  return ms
}

function repos(root) {
  return [paths.experiment(root, PROJECT, EXPERIMENT), paths.project(root, PROJECT)]
}

const objectBytes = (root) => repos(root).reduce((s, dir) => s + diskUse(join(dir, '.git', 'objects')), 0)

function timing(ms) {
  const k = Math.min(20, Math.floor(ms.length / 4))
  const early = median(ms.slice(0, k))
  const late = median(ms.slice(-k))
  return { earlyMedianMs: round(early), lateMedianMs: round(late), lateToEarly: round(late / early), meanMs: round(ms.reduce((a, b) => a + b, 0) / ms.length), maxMs: round(Math.max(...ms)), note: `median of the first and of the last ${k} runs` }
}

export async function run() {
  const runs = Number(process.env.BENCH_GC_RUNS ?? 200)
  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-gc-'))
  try {
    // 1. Auto packing off: loose objects only, then padre's gc, and native git gc of a copy.
    // 2. Auto packing on (the default threshold), recorded alternately with 1.
    const loose = join(dir, 'loose')
    const auto = join(dir, 'auto')
    const [offMs, onMs] = await record([{ root: loose, autoPackLoose: 0 }, { root: auto, autoPackLoose: 1000 }], runs)
    const looseObjects = repos(loose).reduce((s, d) => s + listLoose(join(d, '.git')).length, 0)
    const before = objectBytes(loose)
    const native = join(dir, 'native')
    cpSync(loose, native, { recursive: true })
    let t0 = performance.now()
    for (const d of repos(loose)) await packRepository(d, { maxPacks: 1, removeEmptyFolders: true })
    const padreGcMs = performance.now() - t0
    const after = objectBytes(loose)
    t0 = performance.now()
    for (const d of repos(native)) execFileSync('git', ['-C', d, 'gc', '-q'], { stdio: 'ignore' })
    const nativeGcMs = performance.now() - t0
    const nativeAfter = objectBytes(native)

    const autoLoose = repos(auto).reduce((s, d) => s + listLoose(join(d, '.git')).length, 0)

    return {
      runs,
      filesPerRun: 2 + SPLITS * 3,
      diskPerRun: {
        note: 'allocated bytes of .git/objects (experiment + project repositories) divided by the runs',
        looseObjects,
        looseBytesPerRun: Math.round(before / runs),
        padreGcBytesPerRun: Math.round(after / runs),
        nativeGitGcBytesPerRun: Math.round(nativeAfter / runs),
        padreToLoose: round(after / before),
        padreToNativeGc: round(after / nativeAfter),
        padreGcMs: Math.round(padreGcMs),
        nativeGcMs: Math.round(nativeGcMs),
      },
      commitPerRun: {
        autoPackOn: { threshold: 1000, ...timing(onMs), looseObjectsAtEnd: autoLoose, bytesPerRunAtEnd: Math.round(objectBytes(auto) / runs) },
        autoPackOff: timing(offMs),
      },
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2))
}
