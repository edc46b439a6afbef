import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { InvalidInputError } from '../../core/errors.js'
import type { App } from '../../core/services/app.js'
import { Assets } from './assets.js'
import { Live } from './live.js'
import { RunsIndex } from './runs-index.js'
import { uiRoutes } from './routes.js'

export interface UiServerOptions {
  /** 0 picks a free port. */
  port: number
  host: string
}

export interface UiServer {
  url: string
  host: string
  port: number
  close(): Promise<void>
}

/** Starts the read-only web UI over the app's records; resolves once it listens. */
export async function startUiServer(app: App, options: UiServerOptions): Promise<UiServer> {
  const { serve } = await import('@hono/node-server')
  const index = new RunsIndex(app)
  const live = new Live(index)
  const streams = new Set<() => void>()
  const routes = uiRoutes({
    app, index, live, assets: new Assets(),
    track(close) {
      streams.add(close)
      return () => streams.delete(close)
    },
  })
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: routes.fetch, port: options.port, hostname: options.host }, () => resolve(s as Server))
    s.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE'
      ? new InvalidInputError(`Port ${options.port} on ${options.host} is in use: pick another with --port, or --port 0 for a free one.`)
      : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' ? new InvalidInputError(`Cannot listen on '${options.host}': not an address of this machine. Leave --host out for 127.0.0.1.`) : error))
  })
  // Read the runs once now, so that the first page does not wait for it.
  void index.all().catch(() => undefined)
  const { port } = server.address() as AddressInfo
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `http://${shown}:${port}/`, host: options.host, port,
    close: () => new Promise<void>((resolve) => {
      live.stop()
      for (const close of streams) close()
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}
