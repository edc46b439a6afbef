import { execFile, spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'

/**
 * A real `git http-backend` (smart HTTP, push enabled) behind a small Node http server on
 * 127.0.0.1, for tests of padre's remotes. The backend is spawned asynchronously per request: a
 * synchronous native git call from this process would block the event loop that serves it.
 */
export interface GitHttpServer {
  /** Base url, e.g. http://127.0.0.1:41234 (repositories live under it by path). */
  url: string
  /** GIT_PROJECT_ROOT on disk. */
  root: string
  /** `git init --bare` a repository at `path` (relative to root), e.g. 'team/p.git'. */
  createRepo(path: string): Promise<string>
  /** Requests served so far, as 'METHOD path status'. */
  requests: string[]
  close(): Promise<void>
}

const BACKEND = '/usr/lib/git-core/git-http-backend'

export async function startGitHttpServer(opts: { root: string; auth?: { username: string; password: string } }): Promise<GitHttpServer> {
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const log = (status: number) => requests.push(`${req.method} ${url.pathname} ${status}`)
    if (opts.auth) {
      const expected = 'Basic ' + Buffer.from(`${opts.auth.username}:${opts.auth.password}`).toString('base64')
      if (req.headers.authorization !== expected) {
        log(401)
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="padre-test"' }).end('unauthorized')
        return
      }
    }
    const child = spawn(BACKEND, [], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: opts.root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'http.receivepack',
        GIT_CONFIG_VALUE_0: 'true',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
        REMOTE_USER: opts.auth?.username ?? 'anonymous',
        REMOTE_ADDR: '127.0.0.1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    req.pipe(child.stdin)
    let head = Buffer.alloc(0)
    let headersDone = false
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) { res.write(chunk); return }
      head = Buffer.concat([head, chunk])
      let end = head.indexOf('\r\n\r\n')
      let sepLength = 4
      if (end < 0) { end = head.indexOf('\n\n'); sepLength = 2 }
      if (end < 0) return
      headersDone = true
      let status = 200
      const headers: Record<string, string> = {}
      for (const line of head.subarray(0, end).toString().split(/\r?\n/)) {
        const colon = line.indexOf(':')
        const key = line.slice(0, colon).trim()
        const value = line.slice(colon + 1).trim()
        if (key.toLowerCase() === 'status') status = Number.parseInt(value, 10)
        else headers[key] = value
      }
      log(status)
      res.writeHead(status, headers)
      res.write(head.subarray(end + sepLength))
    })
    child.stdout.on('end', () => {
      if (!headersDone) { log(500); res.writeHead(500).end('no response from git http-backend') } else res.end()
    })
    child.stderr.on('data', () => { /* http-backend logs here */ })
    child.on('error', (error) => { if (!res.headersSent) res.writeHead(500).end(String(error)) })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    root: opts.root,
    requests,
    async createRepo(path: string) {
      const dir = join(opts.root, path)
      mkdirSync(dir, { recursive: true })
      await promisify(execFile)('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir])
      return dir
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  }
}
