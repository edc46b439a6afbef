import type { HttpBindings } from '@hono/node-server'
import { Hono, type Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { EXIT_CODES, InvalidInputError, PadreError } from '../../core/errors.js'
import type { App } from '../../core/services/app.js'
import { listExperiments } from '../../core/services/experiments.js'
import { listProjects } from '../../core/services/projects.js'
import type { Assets } from './assets.js'
import { comparePage } from './compare.js'
import { checkedId } from './ids.js'
import type { Live } from './live.js'
import { executionSource, resultsPage, runPage } from './run-page.js'
import type { RunsIndex } from './runs-index.js'
import { RunsTable } from './runs-table.js'

export interface UiDeps {
  app: App
  index: RunsIndex
  live: Live
  assets: Assets
  /** Called when an SSE stream opens; returns its closer, so that the server can end them all. */
  track(close: () => void): () => void
}

const STATUS: Record<string, 400 | 404> = { INVALID_INPUT: 400, NOT_FOUND: 404 }
const MAX_LIMIT = 500

/** The read-only JSON API and the page. Every route goes through a CLI service or the asset allow-list. */
export function uiRoutes(deps: UiDeps): Hono {
  const { app } = deps
  const ui = new Hono()
  const table = new RunsTable()

  ui.use(async (c, next) => {
    refuseClimbing((c.env as Partial<HttpBindings> | undefined)?.incoming?.url ?? c.req.raw.url)
    await next()
  })

  ui.get('/', (c) => asset(c, 'index.html'))
  ui.get('/favicon.ico', (c) => c.body(null, 204))
  ui.get('/assets/*', (c) => asset(c, c.req.path.slice('/assets/'.length)))

  ui.get('/api/projects', async (c) => c.json(await listProjects(app)))
  ui.get('/api/experiments', async (c) => {
    const project = c.req.query('project')
    return c.json(await listExperiments(app, project ? { project: checkedId(project, 'project') } : {}))
  })
  ui.get('/api/runs', async (c) => {
    const q = (name: string) => c.req.query(name)
    const project = q('project')
    const experiment = q('experiment')
    const page = await table.page(await deps.index.all(), {
      project: project ? checkedId(project, 'project') : undefined,
      experiment: experiment ? checkedId(`${project ?? '_'}:${experiment}`, 'experiment').split(':')[1] : undefined,
      q: q('q'), sort: q('sort') || undefined, desc: flag(q('desc')),
      offset: int(q('offset'), 'offset', 0), limit: Math.min(int(q('limit'), 'limit', 50), MAX_LIMIT), allParams: flag(q('allParams')),
    })
    return c.json({ ...page, version: deps.index.version })
  })
  ui.get('/api/runs/:id', async (c) => c.json(await runPage(app, checkedId(c.req.param('id'), 'run'))))
  ui.get('/api/runs/:id/computations/:c/results', async (c) => {
    const id = checkedId(`${c.req.param('id')}:${c.req.param('c')}`, 'computation')
    return c.json(await resultsPage(app, id, int(c.req.query('offset'), 'offset', 0), Math.min(int(c.req.query('limit'), 'limit', 50), MAX_LIMIT)))
  })
  ui.get('/api/executions/:id/source', async (c) => c.text(await executionSource(app, checkedId(c.req.param('id'), 'execution'))))
  ui.get('/api/compare', async (c) => {
    const keys = (c.req.query('ids') ?? '').split(',').filter(Boolean)
    return c.json(await comparePage(app, keys, { metric: c.req.query('metric') || undefined, param: c.req.query('param') || undefined }))
  })
  ui.get('/api/version', (c) => {
    deps.index.changed()
    return c.json({ version: deps.index.version })
  })
  ui.get('/api/events', (c) => streamSSE(c, async (stream) => {
    deps.index.changed()
    await stream.writeSSE({ event: 'version', data: String(deps.index.version) })
    let finish!: () => void
    const ended = new Promise<void>((resolve) => (finish = resolve))
    const untrack = deps.track(() => finish())
    const unlisten = deps.live.listen((version) => { stream.writeSSE({ event: 'version', data: String(version) }).catch(() => finish()) })
    stream.onAbort(() => finish())
    await ended
    unlisten()
    untrack()
  }))

  ui.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `No such page or API route: ${c.req.path}` } }, 404))
  ui.onError((error, c) => {
    if (error instanceof PadreError) return c.json({ error: { code: error.code, message: error.message } }, STATUS[error.code] ?? (EXIT_CODES[error.code] ? 400 : 500))
    process.stderr.write(`padre ui: ${c.req.method} ${c.req.path}: ${error.stack ?? error}\n`)
    return c.json({ error: { code: 'INTERNAL', message: `Internal error: ${error.message}` } }, 500)
  })
  return ui

  async function asset(c: Context, name: string): Promise<Response> {
    const found = await deps.assets.get(name)
    if (!found) return c.json({ error: { code: 'NOT_FOUND', message: `No asset '${name}'.` } }, 404)
    return c.body(new Uint8Array(found.body), 200, { 'content-type': found.type, 'cache-control': name.startsWith('vendor/') ? 'max-age=3600' : 'no-cache' })
  }
}

/**
 * Refuses a path with a '.' or '..' segment (raw or percent-encoded), a backslash, a NUL, or bad
 * percent-encoding, and a query string that does not decode: 400, before any route sees it.
 */
function refuseClimbing(url: string): void {
  const at = url.indexOf('://')
  const start = at >= 0 ? url.indexOf('/', at + 3) : 0
  const raw = start >= 0 ? url.slice(start) : '/'
  const cut = raw.search(/[?#]/)
  const path = cut >= 0 ? raw.slice(0, cut) : raw
  const query = cut >= 0 && raw[cut] === '?' ? raw.slice(cut + 1) : ''
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
    decodeURIComponent(query.replace(/\+/g, ' '))
  } catch {
    throw new InvalidInputError('Malformed percent-encoding in the URL.')
  }
  if (decoded.includes('\\') || decoded.includes('\0') || decoded.split('/').some((s) => s === '..' || s === '.')) {
    throw new InvalidInputError('Path climbing refused: the URL has a "." or ".." segment.')
  }
}

function int(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text === '') return fallback
  if (!/^\d{1,9}$/.test(text)) throw new InvalidInputError(`'${name}' must be a whole number ≥ 0, not '${text}'.`)
  return Number(text)
}

const flag = (text: string | undefined): boolean | undefined => (text === undefined ? undefined : text === '1' || text === 'true')
