// Issue 11's figure: time to the first useful paint of the runs table (50 rows drawn) in headless
// chromium over 10,000 recorded runs, beside a baseline measured in the same run: the same browser
// navigating to a page of the same server that draws nothing but the page shell (projects page, one project).
// Run files are generated directly (run.json + metrics.json), not executed. Build first.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { chromium } from 'playwright-core'
import { createApp } from '../dist/app/create-app.js'
import { listRunsWithMetrics } from '../dist/core/services/runs.js'
import { startUiServer } from '../dist/ui/server/server.js'
import { median } from './measure.mjs'

const round = (x) => Math.round(x * 10) / 10
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync']
const METRICS = ['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'f1_weighted']

export function generate(root, runs) {
  const now = Date.parse('2026-11-01T00:00:00Z')
  const json = (file, value) => writeFileSync(file, JSON.stringify(value))
  const project = join(root, 'projects', 'Bench')
  mkdirSync(project, { recursive: true })
  json(join(project, 'project.json'), { schemaVersion: 1, id: 'Bench', name: 'Bench', createdAt: new Date(now).toISOString() })
  for (let i = 0; i < runs; i++) {
    const experiment = `exp-${i % 10}`
    const expDir = join(project, 'experiments', experiment)
    if (i < 10) {
      mkdirSync(expDir, { recursive: true })
      json(join(expDir, 'experiment.json'), { schemaVersion: 1, id: `Bench:${experiment}`, project: 'Bench', name: experiment, dataset: 'iris', createdAt: new Date(now).toISOString() })
    }
    const startedAt = new Date(now + i * 1000).toISOString()
    const name = `${startedAt.replace(/[-:.]/g, '')}-${(i % 65536).toString(16).padStart(4, '0')}`
    const dir = join(expDir, 'executions', 'spec-000000000000', 'runs', name)
    mkdirSync(dir, { recursive: true })
    const k = 1 + (i % 15)
    const mean = Object.fromEntries(METRICS.map((m, j) => [m, 0.8 + ((i * 7 + j * 13) % 200) / 1000]))
    json(join(dir, 'run.json'), {
      schemaVersion: 1, id: `Bench:${experiment}:spec-000000000000:${name}`, project: 'Bench', experiment, execution: 'spec-000000000000', run: name,
      status: 'finished', startedAt, finishedAt: startedAt, durationMs: 30, dataset: 'iris', pipeline: [{ component: 'knn', params: { k } }],
      split: { strategy: 'cv', folds: 5 }, seed: 1, points: [{ 'knn.k': k, 'knn.weights': 'uniform' }],
      environment: { node: process.version, os: 'linux', arch: 'x64', cpus: 2, cpuModel: 'bench', padre: '0.1.0', packages: {}, datasetHash: '0' }, mainMetric: { name: 'accuracy', value: mean.accuracy },
    })
    json(join(dir, 'metrics.json'), { schemaVersion: 1, points: [{ point: 0, parameters: { 'knn.k': k, 'knn.weights': 'uniform' }, mean, std: Object.fromEntries(METRICS.map((m) => [m, 0.01])), splits: 5 }] })
  }
}

/** ms from navigation start until the predicate holds in the page. */
async function paint(browser, url, predicate) {
  const page = await browser.newPage()
  const t0 = performance.now()
  await page.goto(url)
  await page.waitForFunction(predicate, undefined, { timeout: 60000, polling: 'raf' })
  const ms = performance.now() - t0
  await page.close()
  return ms
}

export async function run({ runs = Number(process.env.BENCH_UI_RUNS ?? 10000), repeats = 5 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-ui-'))
  const config = join(dir, 'padre.cfg')
  writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n`)
  let browser
  let server
  try {
    generate(join(dir, 'root'), runs)
    const app = await createApp({ configFile: config, git: false })
    const t0 = performance.now()
    await listRunsWithMetrics(app)
    const readAll = performance.now() - t0

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS })
    await paint(browser, 'about:blank', 'true')
    server = await startUiServer(app, { port: 0, host: '127.0.0.1' })
    const table = `${server.url}#/runs?project=Bench`
    const tableDrawn = "document.querySelectorAll('#runs tbody tr').length === 50"
    // Cold: right after start, while the server still reads the 10,000 runs it began reading at start-up.
    const cold = await paint(browser, table, tableDrawn)
    const warm = []
    const filtered = []
    const baseline = []
    for (let i = 0; i < repeats; i++) {
      baseline.push(await paint(browser, server.url, "document.querySelectorAll('section.project').length === 1"))
      warm.push(await paint(browser, table, tableDrawn))
      filtered.push(await paint(browser, `${server.url}#/runs?project=Bench&sort=metrics.f1_macro&q=${encodeURIComponent('{"metrics.accuracy":{"$gt":0.9},"params.knn.k":{"$lte":10}}')}`, tableDrawn))
    }
    // Live: a run folder appears while the table is open; time until its row is drawn on top
    // (the server looks once a second, so this is up to a second plus re-reading what changed).
    const page = await browser.newPage()
    await page.goto(table)
    await page.waitForFunction(tableDrawn, undefined, { timeout: 60000 })
    const runsDir = join(dir, 'root', 'projects', 'Bench', 'experiments', 'exp-0', 'executions', 'spec-000000000000', 'runs')
    const late = '29991231T000000000Z-beef'
    const staged = join(dir, late)
    mkdirSync(staged)
    const template = JSON.parse(readFileSync(join(runsDir, readdirSync(runsDir)[0], 'run.json'), 'utf8'))
    writeFileSync(join(staged, 'run.json'), JSON.stringify({ ...template, run: late, id: `Bench:exp-0:spec-000000000000:${late}`, startedAt: '2999-12-31T00:00:00.000Z' }))
    const t1 = performance.now()
    renameSync(staged, join(runsDir, late))
    await page.waitForFunction(`document.querySelector('#runs tbody tr')?.textContent.includes('${late}')`, undefined, { timeout: 60000, polling: 'raf' })
    const live = performance.now() - t1
    await page.close()
    return {
      runs,
      live_new_run_row_drawn_ms: round(live),
      service_read_all_runs_ms: round(readAll),
      runs_table_first_paint_cold_ms: round(cold),
      runs_table_first_paint_ms: round(median(warm)),
      runs_table_filtered_sorted_first_paint_ms: round(median(filtered)),
      baseline_projects_page_paint_ms: round(median(baseline)),
      target_ms: 1000,
    }
  } finally {
    await browser?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2))
