import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, sandbox } from '../helpers/cli.js'
import { startUi, type RunningUi } from './ui-server.js'

/** One raw HTTP/1.1 request, the path sent byte for byte as given (fetch would normalise it). */
function raw(port: number, path: string, host = '127.0.0.1'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`))
    let text = ''
    socket.on('data', (d) => { text += d })
    socket.on('error', reject)
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf('\r\n\r\n') + 4) }))
  })
}

/** Polls a condition that another process makes true (no fixed sleep). */
async function waitFor(condition: () => boolean, timeoutMs = 10000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('padre ui: safety over raw HTTP', () => {
  const box = sandbox()
  let ui: RunningUi
  let port: number
  let runId: string
  const secret = readFileSync(join(REPO, 'package.json'), 'utf8').slice(0, 40)

  beforeAll(async () => {
    box.json(['experiment', 'execute', '--create-project', '--project', 'Safe', '--name', 'iris-knn', '--dataset', 'iris', '--estimator', 'knn', '--split', 'cv', '--folds', '3', '--seed', '1'])
    ui = await startUi(box)
    port = Number(new URL(ui.url).port)
    runId = (box.json<Array<{ id: string }>>(['run', 'list']))[0].id
  })
  afterAll(async () => { await ui?.stop() })

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(ui.url).hostname).toBe('127.0.0.1')
    const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)
    if (external) await expect(raw(port, '/api/projects', external.address)).rejects.toThrow(/ECONNREFUSED/)
    expect((await raw(port, '/api/projects')).status).toBe(200)
  })

  it.each([
    '/../package.json', '/assets/../package.json', '/assets/../../package.json', '/assets/%2e%2e/package.json',
    '/assets/%2E%2E%2Fpackage.json', '/assets/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/.%2e/src/index.ts',
    '/assets/vendor/..%5c..%5cpackage.json', '/api/runs/..%2f..%2f..%2f..', '/assets/%00', '/./assets/app.js',
  ])('refuses path climbing: %s', async (path) => {
    const { status, body } = await raw(port, path)
    expect(status).toBe(400)
    expect(JSON.parse(body).error.message).toMatch(/Path climbing refused|percent-encoding/)
    expect(body).not.toContain(secret)
  })

  it.each([
    ['/assets/package.json', 404], ['/assets/vendor/../../package.json', 400], ['/assets/node_modules/preact/package.json', 404],
    ['/api/runs/Safe:..:x:y', 400], ['/api/runs/Safe%3A%2Fetc%3Ax%3Ay', 400], ['/api/executions/Safe:iris-knn:..%2F..%2F..%2Fetc/source', 400],
  ])('serves nothing outside its allow-list and the records: %s', async (path, expected) => {
    const { status, body } = await raw(port, path)
    expect(status).toBe(expected)
    expect(body).not.toContain(secret)
  })

  it.each([
    ['/api/runs?q=%7Bnot%20json', /not valid JSON at position 1/], ['/api/runs?q=%5B1%5D', /--filter: cannot read/], ['/api/runs?q=%7B%22a%22%3A%7B%22%24nope%22%3A1%7D%7D', /Unknown query field 'a'/],
    ['/api/runs?offset=-1', /whole number/], ['/api/runs?limit=abc', /whole number/], ['/api/runs?sort=secret', /Cannot sort by/],
    ['/api/runs?q=%E0%A4%A', /percent-encoding/], ['/api/compare?ids=', /Nothing to compare/], ['/api/compare?ids=a%23b', /not a full run id/],
  ])('a malformed query string is a 400 with a message: %s', async (path, message) => {
    const { status, body } = await raw(port, path)
    expect(status).toBe(400)
    expect(JSON.parse(body).error.message).toMatch(message)
  })

  it('still answers after all that, and a missing run is a 404', async () => {
    expect((await raw(port, `/api/runs/${encodeURIComponent(runId)}`)).status).toBe(200)
    const missing = await raw(port, '/api/runs/Safe:iris-knn:spec-0:nope')
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body).error.message).toMatch(/not found/)
    expect(ui.child.exitCode).toBeNull()
    for (const asset of ['/', '/assets/app.js', '/assets/vendor/preact.js', '/assets/vendor/vega-embed.js']) expect([asset, (await raw(port, asset)).status]).toEqual([asset, 200])
  })

  it('--open hands the URL to xdg-open, or says there is none', async () => {
    const bin = join(box.dir, 'fake-bin')
    mkdirSync(bin, { recursive: true })
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > "${join(box.dir, 'opened.txt')}"\n`, { mode: 0o755 })
    const opened = await startUi(box, ['--open'], { PATH: bin })
    try {
      await waitFor(() => existsSync(join(box.dir, 'opened.txt')))
      expect(readFileSync(join(box.dir, 'opened.txt'), 'utf8').trim()).toBe(opened.url)
    } finally {
      expect(await opened.stop()).toBe(0)
    }
    const empty = join(box.dir, 'empty-bin')
    mkdirSync(empty, { recursive: true })
    const none = await startUi(box, ['--open'], { PATH: empty })
    try {
      await waitFor(() => /No xdg-open found/.test(none.stderr()))
    } finally {
      expect(await none.stop()).toBe(0)
    }
  })

  it('a busy port or a foreign --host is a one-line error', () => {
    const busy = box.run(['ui', '--port', String(port)])
    expect(busy.status).toBe(2)
    expect(busy.stderr.trim()).toMatch(/^Error: Port \d+ on 127\.0\.0\.1 is in use: pick another with --port/)
    const foreign = box.run(['ui', '--port', '0', '--host', '203.0.113.7'])
    expect(foreign.status).toBe(2)
    expect(foreign.stderr.trim()).toMatch(/^Error: Cannot listen on '203\.0\.113\.7'/)
    expect(foreign.stderr).not.toMatch(/\n\s+at /)
  })

  it('stops cleanly on Ctrl-C', async () => {
    const other = await startUi(box)
    const source = await fetch(`${other.url}api/events`)
    expect(source.status).toBe(200)
    expect(await other.stop()).toBe(0)
    expect(other.stderr()).toMatch(/stopped/)
  })
})
