import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { BIN, REPO, sandbox } from '../helpers/cli.js'
import { startUi, type RunningUi } from './ui-server.js'

// Browser globals inside page.waitForFunction callbacks (the project's lib has no DOM types).
declare const document: { querySelectorAll(s: string): { length: number }; querySelector(s: string): { textContent: string | null } | null }
declare const location: { hash: string }

const OUT = join(REPO, 'test-output')
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync']
const execute = (name: string, extra: string[]) => ['experiment', 'execute', '--create-project', '--project', 'Demo', '--name', name, '--dataset', 'iris', '--split', 'cv', '--seed', '1', ...extra]

describe('padre ui in headless chromium', () => {
  const box = sandbox()
  let ui: RunningUi
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    box.json(execute('iris-knn', ['--estimator', 'knn', '--grid', 'knn.k=1,5,9', '--folds', '3']))
    box.json(execute('iris-knn', ['--estimator', 'knn', '--param', 'knn.k=3', '--folds', '4']))
    box.json(execute('iris-svc', ['--transformer', 'standardScaler', '--estimator', 'svc', '--folds', '3']))
    ui = await startUi(box)
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    page.on('pageerror', (e) => errors.push(String(e)))
    // A refused filter is a 400 on purpose (checked below); anything else failing is a defect.
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().includes('/api/runs?')) errors.push(`${r.status()} ${r.url()}`) })
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()) })
  })
  afterAll(async () => {
    await browser?.close()
    await ui?.stop()
  })

  const rows = () => page.locator('#runs tbody tr')
  const columnValues = async (header: string) => {
    const headers = await page.locator('#runs thead th').allTextContents()
    const index = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === header)
    expect(index).toBeGreaterThan(0)
    return (await page.locator(`#runs tbody tr td:nth-child(${index + 1})`).allTextContents()).map(Number)
  }

  it('shows projects, then the runs table with the varying parameter and the metrics', async () => {
    await page.goto(ui.url)
    await page.getByRole('link', { name: 'iris-knn' }).click()
    await page.waitForSelector('#runs tbody tr')
    expect(page.url()).toContain('#/runs?project=Demo&experiment=iris-knn')
    expect(await rows().count()).toBe(4)
    const headers = (await page.locator('#runs thead th').allTextContents()).map((h) => h.replace(/[▲▼]/g, '').trim())
    expect(headers).toEqual(expect.arrayContaining(['knn.k', 'accuracy', 'f1_macro']))
    expect(headers).not.toContain('knn.weights')
    expect((await columnValues('knn.k')).sort()).toEqual([1, 3, 5, 9])
    await page.goto(`${ui.url}#/runs?project=Demo`)
    await page.waitForFunction(() => document.querySelectorAll('#runs tbody tr').length === 5)
    await page.screenshot({ path: join(OUT, 'runs.png'), fullPage: true })
  })

  it('filters with a Mongo-style query, and says what is wrong with a bad one', async () => {
    await page.fill('#filter', '{"params.knn.k": {"$gte": 5}}')
    await page.click('form.filter button[type=submit]')
    await page.waitForFunction(() => document.querySelectorAll('#runs tbody tr').length === 2)
    expect((await columnValues('knn.k')).sort()).toEqual([5, 9])
    expect(decodeURIComponent(page.url())).toContain('q={"params.knn.k"')
    await page.reload()
    await page.waitForFunction(() => document.querySelectorAll('#runs tbody tr').length === 2)
    await page.fill('#filter', '{"metrics.accuracy": {"$gt": ')
    await page.click('form.filter button[type=submit]')
    await expect(page.locator('#error').textContent()).resolves.toMatch(/not valid JSON/)
    await page.goto(`${ui.url}#/runs?project=Demo`)
    await page.waitForFunction(() => document.querySelectorAll('#runs tbody tr').length === 5)
  })

  it('sorts by a metric column, both ways', async () => {
    await page.click('#runs th[data-sort="metrics.accuracy"]')
    await page.waitForFunction(() => location.hash.includes('sort=metrics.accuracy'))
    await page.waitForSelector('#runs[data-sorted-by="metrics.accuracy desc"]')
    const down = await columnValues('accuracy')
    expect(down).toEqual([...down].sort((a, b) => b - a))
    await page.click('#runs th[data-sort="metrics.accuracy"]')
    await page.waitForSelector('#runs[data-sorted-by="metrics.accuracy asc"]')
    const up = await columnValues('accuracy')
    expect(up).toEqual([...down].reverse())
    expect(new Set(up).size).toBeGreaterThan(1)
  })

  it('opens a run: environment, code version, splits, confusion matrix, paged results', async () => {
    await page.goto(`${ui.url}#/runs?project=Demo&experiment=iris-svc`)
    await page.waitForFunction(() => document.querySelectorAll('#runs tbody tr').length === 1)
    await page.locator('#runs tbody tr a').first().click()
    await page.waitForSelector('#confusion')
    expect(await page.locator('#environment').textContent()).toContain(process.version)
    expect(await page.locator('#code-version').textContent()).toMatch(/spec/)
    expect(await page.locator('#splits tbody tr').count()).toBe(3)
    const cells = (await page.locator('#confusion tbody td').allTextContents()).map(Number)
    expect(cells).toHaveLength(9)
    expect(cells.reduce((a, b) => a + b, 0)).toBe(50)
    expect(await page.locator('#results tbody tr').count()).toBe(25)
    await page.click('#results-next')
    await page.waitForFunction(() => document.querySelector('#results-count')?.textContent?.startsWith('26–50 of 50'))
    await page.screenshot({ path: join(OUT, 'run.png'), fullPage: true })
    await page.reload()
    await page.waitForSelector('#confusion')
  })

  it('compares two selected runs: metrics side by side, charts rendered, source diff', async () => {
    await page.goto(`${ui.url}#/runs?project=Demo&experiment=iris-knn&sort=params.knn.k`)
    await page.waitForFunction(() => document.querySelectorAll('#runs tbody tr').length === 4)
    const k = await columnValues('knn.k')
    await page.locator('#runs tbody tr input.select').nth(k.indexOf(1)).check()
    await page.locator('#runs tbody tr input.select').nth(k.indexOf(3)).check()
    await page.click('#compare')
    await page.waitForSelector('#compare-table')
    expect(await page.locator('#compare-table thead th').count()).toBe(3)
    expect(await page.locator('#compare-table tr.metric').first().textContent()).toMatch(/0\.\d{4} ± 0\.\d{3}/)
    await page.waitForSelector('#chart-param svg g.mark-symbol.role-mark path', { state: 'attached', timeout: 15000 })
    await page.waitForSelector('#chart-folds svg .mark-rect path', { state: 'attached', timeout: 15000 })
    expect(await page.locator('#chart-param svg g.mark-symbol.role-mark path').count()).toBe(2)
    expect(await page.locator('#chart-folds svg g.mark-symbol.role-mark path').count()).toBe(3 + 4)
    expect(await page.locator('pre.diff .add').count()).toBeGreaterThan(0)
    // 3 folds against 4: no paired test, and the page says why.
    expect(await page.locator('#tests tbody').textContent()).toMatch(/not evaluated on the same splits/)
    await page.reload()
    await page.waitForSelector('#chart-folds svg')
  })

  it('compares the grid points of one run with a paired t-test over the shared splits', async () => {
    await page.goto(`${ui.url}#/runs?project=Demo&experiment=iris-knn&sort=params.knn.k`)
    await page.waitForFunction(() => document.querySelectorAll('#runs tbody tr').length === 4)
    const k = await columnValues('knn.k')
    for (const value of [1, 5, 9]) await page.locator('#runs tbody tr input.select').nth(k.indexOf(value)).check()
    await page.click('#compare')
    await page.waitForSelector('#tests tbody tr')
    const p = (await page.locator('#tests tbody tr td:nth-child(5)').allTextContents()).map(Number)
    expect(p).toHaveLength(2)
    for (const value of p) expect(value).toBeGreaterThan(0)
    await page.waitForSelector('#chart-param svg g.mark-symbol.role-mark path', { state: 'attached', timeout: 15000 })
    expect(await page.locator('#chart-param svg g.mark-symbol.role-mark path').count()).toBe(3)
    await page.waitForSelector('#chart-folds svg g.mark-rect path', { state: 'attached' })
    await page.screenshot({ path: join(OUT, 'compare.png'), fullPage: true })
  })

  it('shows a run recorded while the page is open, without a reload', async () => {
    await page.goto(`${ui.url}#/runs?project=Demo`)
    await page.waitForFunction(() => document.querySelectorAll('#runs tbody tr').length === 5)
    const child = spawn(process.execPath, [BIN, ...execute('iris-late', ['--estimator', 'gaussianNB', '--folds', '3'])], {
      cwd: box.dir, env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true' }, stdio: 'ignore',
    })
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0)
    await page.waitForFunction(() => document.querySelectorAll('#runs tbody tr').length === 6, undefined, { timeout: 10000 })
    expect(await page.locator('#runs tbody').textContent()).toContain('iris-late')
  })

  it('had no errors in the browser console', () => {
    expect(errors).toEqual([])
  })
})
