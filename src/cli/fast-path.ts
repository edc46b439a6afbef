// `padre run list` and `padre metric compare_metrics` without oclif: about 100 ms of its loading is
// most of their time on a big store. Only plain forms are answered here; anything else (help, a flag
// this parser does not know, a value oclif would refuse, an error) returns false and oclif runs the
// command from the start, so that its messages and exit codes stay the only ones. Both paths print
// through the same views (src/cli/views/). The command line is read, and a stored answer printed, by
// src/cli/fast-request.ts: bin/run.js loads this module's bundle only when that did not answer.
import type { Chunk } from '../backends/index/answer-cache.js'
import { fastRequest, type FastRequest, type ParsedFlags } from './fast-request.js'
import type { ViewIo } from './views/io.js'

export { parseFast, type ParsedFlags } from './fast-request.js'

/** Runs the command and returns true when it could; false: nothing was printed, let oclif run it. */
export async function fastPath(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const request = await fastRequest(argv, env)
  return request === 'printed' || (request !== undefined && fastAnswer(request))
}

/** Answers a request fastRequest() read (its stored answer missed); false: nothing was printed, let oclif run it. */
export async function fastAnswer({ command, flags, cached }: FastRequest): Promise<boolean> {
  const f = { format: 'table', precision: 4, ...flags } as ParsedFlags & { format: string; precision: number }
  const json = flags.json === true
  const out: Chunk[] = []
  const io: ViewIo = { json, log: (m) => { if (!json) out.push([1, Buffer.from(`${m}\n`)]) }, note: (m) => { if (!json) out.push([2, Buffer.from(`${m}\n`)]) } }
  const scope = Object.fromEntries((['project', 'experiment', 'execution', 'run'] as const).filter((k) => f[k] !== undefined).map((k) => [k, f[k] as string]))
  let result: unknown
  let complete = true
  let root = ''
  try {
    const { createApp } = await import('../app/create-app.js')
    const app = await createApp({ configFile: f.config as string | undefined })
    result = command === 'run list'
      ? await (await import('./views/run-list.js')).runListView(app, scope, f, io)
      : await (await import('./views/compare-metrics.js')).compareMetricsView(app, scope, f as never, io)
    complete = !app.index.incomplete
    root = app.root
  } catch {
    return false // oclif runs it again and reports the error as it always does
  }
  if (json) out.push([1, Buffer.from(`${JSON.stringify(result, null, 2)}\n`)])
  for (const [fd, text] of out) (fd === 1 ? process.stdout : process.stderr).write(text)
  if (cached && complete) cached.keep(out, root)
  return true
}

