// Command components: padre's cost per job (write train/test CSV + job.json, spawn, read predictions.csv)
// beside the baseline of spawning the same program directly on a job folder written beforehand.
// Python: PADRE_PYTHON or /usr/bin/python3 (the script uses only the standard library). Build first.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { commandComponent } from '../dist/runtime/command/component.js'
import { writeJob } from '../dist/runtime/command/job.js'
import { median } from './measure.mjs'

const PYTHON = process.env.PADRE_PYTHON ?? '/usr/bin/python3'
const round = (x) => Math.round(x * 10) / 10

const SCRIPT = `import csv, json, os
d = os.environ['PADRE_JOB_DIR']
job = json.load(open(os.path.join(d, 'job.json')))
train = list(csv.reader(open(os.path.join(d, 'train.csv'))))
test = list(csv.reader(open(os.path.join(d, 'test.csv'))))
label = train[1][-1]
with open(os.path.join(job['outputDir'], 'predictions.csv'), 'w') as f:
    f.write('prediction\\n' + ''.join(label + '\\n' for _ in test[1:]))
`

function data(rows, cols) {
  const X = { rows, cols, data: new Float64Array(rows * cols) }
  let s = 1
  for (let i = 0; i < X.data.length; i++) { s = (s * 16807) % 2147483647; X.data[i] = s / 2147483647 }
  const y = Float64Array.from({ length: rows }, (_, i) => i % 2)
  return { X, y }
}

export async function run({ times = Number(process.env.BENCH_TIMES ?? 5) } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-command-'))
  writeFileSync(join(dir, 'script.py'), SCRIPT)
  const out = {}
  try {
    for (const [rows, cols] of [[150, 4], [10000, 20]]) {
      const train = data(rows, cols)
      const test = data(Math.ceil(rows / 4), cols)
      const ctx = { task: 'classification', nClasses: 2, classes: ['a', 'b'], seed: 1 }
      const viaPadre = []
      for (let i = 0; i < times; i++) {
        const c = commandComponent({ name: 'bench', kind: 'estimator', command: { run: [PYTHON, 'script.py'] }, baseDir: dir, params: {} })
        const t0 = performance.now()
        await c.fit(train.X, train.y, ctx)
        await c.predict(test.X)
        viaPadre.push(performance.now() - t0)
      }
      const job = join(dir, `job-${rows}`)
      await writeJob(job, { component: 'bench', kind: 'estimator', params: {}, train: { ...train, ctx }, test: test.X })
      const direct = []
      for (let i = 0; i < times; i++) {
        const t0 = performance.now()
        execFileSync(PYTHON, ['script.py'], { cwd: dir, env: { ...process.env, PADRE_JOB_DIR: job } })
        direct.push(performance.now() - t0)
      }
      out[`${rows}x${cols}`] = { padreJobMs: round(median(viaPadre)), directScriptMs: round(median(direct)), overheadMs: round(median(viaPadre) - median(direct)) }
    }
    return out
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
