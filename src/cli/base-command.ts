import { Command, Flags, Interfaces } from '@oclif/core'
import { EXIT_CODES, PadreError } from '../core/errors.js'
import { createApp } from '../app/create-app.js'
import type { App } from '../core/services/app.js'
import type { Scope } from '../core/services/scope.js'
import { sessionOf } from './session.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof PadreCommand)['baseFlags'] & T['flags']>

/** Every padre command: --json, --config, --debug, one-line errors, and the app built once. */
export abstract class PadreCommand extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {
    config: Flags.string({ description: 'config file (default: $PADRE_CONFIG or ~/.padre.cfg)', helpGroup: 'GLOBAL' }),
    debug: Flags.boolean({ description: 'print stack traces of errors', helpGroup: 'GLOBAL' }),
  }

  private appPromise?: Promise<App>

  /** The app of the shell when running inside it, else one made from --config (and --backend, where a command has it). */
  protected app(configFile?: string, backend?: string): Promise<App> {
    const shared = sessionOf(this.config)?.app
    if (shared && !configFile && backend === undefined) return Promise.resolve(shared)
    this.appPromise ??= createApp({ configFile, backend })
    return this.appPromise
  }

  /** Flags win over the shell's active objects. */
  protected scope(flags: Scope): Scope {
    const active = sessionOf(this.config)?.scope ?? {}
    const pick = <K extends keyof Scope>(k: K) => flags[k] ?? active[k]
    return Object.fromEntries((['project', 'experiment', 'execution', 'run'] as const).map((k) => [k, pick(k)]).filter(([, v]) => v !== undefined))
  }

  /** In the shell, say when the active objects narrowed a command the user gave no flag for. */
  protected noteShellScope(flags: Scope): void {
    const active = sessionOf(this.config)?.scope ?? {}
    const used = (['project', 'experiment', 'execution', 'run'] as const).filter((k) => active[k] && !flags[k])
    if (used.length) this.note(`Scoped to the selected ${used.map((k) => `${k} ${active[k]}`).join(', ')} ('unselect' to widen).`)
  }

  /** After a delete in the shell: an active project (or experiment) that is gone is unselected. */
  protected forgetActive(project: string, experiment?: string): void {
    const session = sessionOf(this.config)
    if (!session || session.scope.project !== project) return
    if (experiment === undefined) session.scope = {}
    else if (session.scope.experiment === experiment) session.scope = { project }
  }

  protected get abortSignal(): AbortSignal | undefined {
    return sessionOf(this.config)?.signal
  }

  /** Plain JSON: oclif's colouring costs tens of milliseconds on a thousand runs. */
  override logJson(json: unknown): void {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
  }

  /** Draws human output only when it will be shown (not with --json). */
  protected async show(render: () => string | Promise<string>): Promise<void> {
    if (!this.jsonEnabled()) this.log(await render())
  }

  /** Progress and notes go to stderr, so that stdout stays clean for --json and pipes. */
  protected note(message: string): void {
    if (!this.jsonEnabled()) process.stderr.write(`${message}\n`)
  }

  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<never> {
    if (error.oclif?.exit === 0 || error.constructor.name === 'ExitError') throw error
    const debug = this.argv.includes('--debug') || /(^|,)padre/.test(process.env.DEBUG ?? '')
    const code = error instanceof PadreError ? error.code : 'ERROR'
    const exit = EXIT_CODES[code] ?? (error.oclif?.exit && error.oclif.exit > 1 ? error.oclif.exit : 1)
    const message = oneLine(error.message)
    if (this.jsonEnabled()) {
      this.logJson({ error: { code, message, ...(error instanceof PadreError && error.suggestions.length ? { suggestions: error.suggestions } : {}) } })
    } else {
      process.stderr.write(`Error: ${message}\n`)
    }
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`)
    return this.exit(exit)
  }
}

function oneLine(message: string): string {
  return message.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter((l) => l && !/^See more help with/.test(l)).join(' ')
}
