// Issue 4's figure: `run list` typed into one long-lived shell vs. the same command as a new process,
// with 100 recorded runs. Build first. Target: the shell line <= 20 ms median.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { createApp } from '../dist/app/create-app.js'
import { executeExperiment } from '../dist/core/services/execute.js'
import { median } from './measure.mjs'

const BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const round = (x) => Math.round(x * 100) / 100
const definition = (i) => ({ project: 'Bench', name: `e${i % 5}`, dataset: 'iris', pipeline: [{ component: 'knn', params: {} }], split: { strategy: 'random' }, seed: 1 })

export async function run({ runs = 100, shellTimes = 30, processTimes = 10 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-shell-'))
  const config = join(dir, 'padre.cfg')
  writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n`)
  const env = { ...process.env, PADRE_CONFIG: config, HOME: dir, CI: 'true', DEBUG: '' }
  try {
    // 100 recorded runs, through the built services (files only, to fill the store quickly).
    const app = await createApp({ configFile: config, git: false })
    for (let i = 0; i < runs; i++) await executeExperiment(app, definition(i))

    const processMs = []
    for (let i = 0; i < processTimes; i++) {
      const t0 = performance.now()
      const r = spawnSync(process.execPath, [BIN, 'run', 'list'], { env, encoding: 'utf8' })
      processMs.push(performance.now() - t0)
      if (r.status !== 0 || !r.stdout.includes('Bench:')) throw new Error(`padre run list failed: ${r.stderr}`)
    }

    const shellMs = await timeShell(env, shellTimes + 3, runs > 50)
    const shellRunListMedianMs = median(shellMs.slice(3)) // the first lines load the commands' modules
    const processRunListMedianMs = median(processMs)
    return {
      runs,
      shellRunListMedianMs: round(shellRunListMedianMs),
      processRunListMedianMs: round(processRunListMedianMs),
      ratio: round(processRunListMedianMs / shellRunListMedianMs),
      target: 20,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * One shell with piped stdin; each `run list` is timed from the write to the end of its output:
 * the table's bottom border on stdout and, with more than 50 runs, the "Showing the newest" note
 * on stderr that the command writes last.
 */
async function timeShell(env, times, noted) {
  const child = spawn(process.execPath, [BIN], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let waiter
  const check = () => waiter?.()
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; check() })
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; check() })
  const exited = new Promise((resolve) => child.on('exit', resolve))
  const count = (text, re) => (text.match(re) ?? []).length
  const ms = []
  try {
    for (let i = 1; i <= times; i++) {
      const done = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the shell did not answer 'run list' #${i}: ${stderr.slice(-500)}`)), 30_000)
        waiter = () => {
          if (/^Error:/m.test(stderr)) { clearTimeout(timer); reject(new Error(`the shell failed: ${stderr}`)) }
          if (count(stdout, /└[─┴]+┘\n/g) >= i && (!noted || count(stderr, /Showing the newest/g) >= i)) {
            clearTimeout(timer)
            resolve()
          }
        }
      })
      const t0 = performance.now()
      child.stdin.write('run list\n')
      await done
      ms.push(performance.now() - t0)
    }
  } finally {
    child.stdin.end()
    await exited
  }
  return ms
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2))
