import type { Config } from '@oclif/core'
import type { App } from '../core/services/app.js'
import type { Scope } from '../core/services/scope.js'

/** What the interactive shell shares with the commands it runs in its process. */
export interface ShellSession {
  scope: Scope
  /** One app for the whole shell, so each line skips config loading and backend set-up. */
  app?: App
  /** Aborted by Ctrl-C while a command runs. */
  signal?: AbortSignal
  interactive: boolean
}

const sessions = new WeakMap<Config, ShellSession>()

export function attachSession(config: Config, session: ShellSession): void {
  sessions.set(config, session)
}

export function sessionOf(config: Config): ShellSession | undefined {
  return sessions.get(config)
}
