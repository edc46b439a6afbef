import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { attachSession, type ShellSession } from '../cli/session.js'
import { PadreError } from '../core/errors.js'
import { createApp } from '../app/create-app.js'
import { PACKAGE_ROOT } from '../core/package-root.js'
import type { LineContext } from './run-line.js'

export interface ShellOptions {
  /** Scripts: run every line even after one fails (exit non-zero at the end if any did). */
  keepGoing: boolean
}

/**
 * `padre` with no arguments. A TTY on stdin gets the interactive shell; otherwise stdin is a script
 * (empty stdin: exit 0 quietly). Sets process.exitCode rather than exiting, so output drains.
 */
export async function startShell(options: ShellOptions): Promise<void> {
  const interactive = Boolean(process.stdin.isTTY)
  try {
    if (!interactive) {
      const { runScript } = await import('./script.js')
      process.exitCode = await runScript({ keepGoing: options.keepGoing, context: () => context(false) })
      return
    }
    const ctx = await context(!process.env.CI)
    const { repl } = await import('./repl.js')
    const { historyFile } = await import('./history.js')
    const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version
    const banner = `padre ${version}: reproducible ML experiments. Type 'help' for the commands, Tab to complete, 'exit' or Ctrl-D to leave.\n`
    const code = await repl(ctx, { historyFile: historyFile(), banner })
    process.exitCode = code
  } catch (error) {
    // Only set-up can fail here (a broken config file): lines report their own errors.
    const e = error as Error
    process.stderr.write(`Error: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`)
    if (process.argv.includes('--debug') || /(^|,)padre/.test(process.env.DEBUG ?? '')) process.stderr.write(`${e.stack}\n`)
    process.exitCode = e instanceof PadreError && e.code === 'CONFIG' ? 5 : 1
  }
}

/** oclif's config loaded once, one app, one session for every line. */
async function context(prompting: boolean): Promise<LineContext> {
  const { Config } = await import('@oclif/core')
  const [config, app] = await Promise.all([Config.load(PACKAGE_ROOT), createApp()])
  const session: LineContext['session'] = { scope: {}, app, interactive: prompting } satisfies ShellSession
  attachSession(config, session)
  return { config, session, prompting }
}
