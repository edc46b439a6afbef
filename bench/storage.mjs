// Recording cost per run, by storage backend: memory (the baseline, measured in the same process
// run) vs file vs git. A real run (knn on iris, 5-fold cv) is executed once with the memory backend
// and its events are captured; each backend's app (src/app/create-app.ts, as the CLI builds it:
// journal, index and log included where the backend has them) then records that run again and
// again under new run ids, and only the recording is timed. Build first (npm run build), then:
//   BENCH_ONLY=storage node bench/run.mjs
// BENCH_STORAGE_RUNS sets the runs per backend (default 200).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createApp } from '../dist/app/create-app.js'
import { definitionFromFlags } from '../dist/core/definition/from-flags.js'
import { executeExperiment } from '../dist/core/services/execute.js'
import { median } from './measure.mjs'

const round = (x) => Math.round(x * 1000) / 1000
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length

async function appFor(dir, uri) {
  const config = join(dir, `${uri.split(':')[0]}.cfg`)
  writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n\n[BACKEND]\nuri = ${uri}\n\n[GIT]\nname = padre bench\nemail = bench@localhost\n`)
  return createApp({ configFile: config })
}

/** The events of one real run, in order, as the services emit them. */
async function captureRun(dir) {
  const app = await appFor(dir, 'memory://')
  const events = []
  app.bus.observe((type, payload) => { events.push([type, payload]) })
  const definition = await definitionFromFlags({
    project: 'Bench', name: 'iris-knn', dataset: 'iris', transformers: ['standardScaler'], estimator: 'knn', params: [], grid: [], seed: 1,
    split: { strategy: 'cv', folds: 5, shuffle: true },
  })
  const { run } = await executeExperiment(app, definition, { jobs: 1, cache: false })
  const setup = events.filter(([type]) => type.endsWith(':created'))
  const recording = JSON.stringify(events.filter(([type]) => !type.endsWith(':created')))
  return { setup, recording, local: run.run }
}

export async function run() {
  const runs = Number(process.env.BENCH_STORAGE_RUNS ?? 200)
  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-storage-'))
  try {
    const { setup, recording, local } = await captureRun(dir)
    const out = { runs, eventsPerRun: JSON.parse(recording).length, backends: {} }
    for (const uri of ['memory://', `file://${join(dir, 'file')}`, `git://${join(dir, 'git')}`]) {
      const app = await appFor(dir, uri)
      for (const [type, payload] of setup) await app.bus.emit(type, { ...payload, root: app.root })
      const ms = []
      for (let i = 0; i < runs; i++) {
        const events = JSON.parse(recording.replaceAll(local, `${local}-${i}`))
        const t0 = performance.now()
        for (const [type, payload] of events) await app.bus.emit(type, { ...payload, root: app.root })
        ms.push(performance.now() - t0)
      }
      const name = uri.split(':')[0]
      out.backends[name] = { msPerRunMedian: round(median(ms)), msPerRunMean: round(mean(ms)), msFirst10Median: round(median(ms.slice(0, 10))), msLast10Median: round(median(ms.slice(-10))) }
    }
    const b = out.backends
    out.ratios = {
      fileVsMemory: round(b.file.msPerRunMedian / b.memory.msPerRunMedian),
      gitVsMemory: round(b.git.msPerRunMedian / b.memory.msPerRunMedian),
      gitVsFile: round(b.git.msPerRunMedian / b.file.msPerRunMedian),
    }
    return out
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
