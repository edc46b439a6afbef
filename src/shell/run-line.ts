import type { Command, Config } from '@oclif/core'
import { EXIT_CODES, PadreError } from '../core/errors.js'
import { createApp } from '../app/create-app.js'
import type { ShellSession } from '../cli/session.js'
import type { Ask } from '../cli/prompt-missing.js'
import { applyActiveBuiltin, isActiveBuiltin, LEVELS } from './active.js'
import { tokenize, TokenizeError } from './tokenize.js'

export interface LineContext {
  config: Config
  session: ShellSession & { app: NonNullable<ShellSession['app']> }
  /** Prompt for missing arguments and flags (a person at a terminal, no CI). */
  prompting: boolean
  ask?: Ask
  /** Called with the controller of a running command, and with undefined when it ends. */
  onRunning?: (controller: AbortController | undefined) => void
}

export interface LineResult {
  /** exit / quit */
  leave?: boolean
  code: number
}

const SHELL_HELP = `
SHELL
  project select <name>      make a project active (commands default --project to it)
  experiment select <name>   then an experiment; likewise execution select, run select
  back                       leave the innermost active object
  unselect                   clear all active objects
  help [command]             this help, or a command's (or add --help to any command)
  exit, quit, Ctrl-D         leave the shell; Ctrl-C clears the line or stops a running command
`

/** Runs one line of the shell. Never throws: errors print one line and give an exit code. */
export async function runLine(ctx: LineContext, line: string): Promise<LineResult> {
  let words: string[]
  try {
    words = tokenize(line).words
  } catch (error) {
    if (error instanceof TokenizeError) return fail(error.message, 2)
    throw error
  }
  const debug = words.includes('--debug')
  try {
    return await dispatch(ctx, words)
  } catch (error) {
    const e = error as Error & { oclif?: { exit?: number } }
    if (e.oclif?.exit !== undefined && /^EEXIT/.test(e.message)) return { code: e.oclif.exit } // already printed by the command
    if (e.name === 'ExitPromptError' || e.name === 'AbortPromptError') return fail('Cancelled.', 130)
    const code = e instanceof PadreError ? (EXIT_CODES[e.code] ?? 1) : (e.oclif?.exit ?? 1)
    return fail(e.message, code, debug ? e.stack : undefined)
  } finally {
    process.exitCode = undefined
  }
}

async function dispatch(ctx: LineContext, words: string[]): Promise<LineResult> {
  const { config, session } = ctx
  if (words.length === 0) return { code: 0 }
  if ((words[0] === 'exit' || words[0] === 'quit') && words.length === 1) return { leave: true, code: 0 }
  if (words[0] === 'help') return showHelp(config, words.slice(1))
  if (isActiveBuiltin(words)) {
    session.scope = await applyActiveBuiltin(session.app, session.scope, words)
    return { code: 0 }
  }
  const found = resolveCommand(config, words)
  if (!found) {
    if (words.every((w) => w.startsWith('-') ? w === '--help' : true) && config.findTopic(words.filter((w) => w !== '--help').join(':'))) return showHelp(config, words.filter((w) => w !== '--help'))
    if (words[0] === '--help' || words[0] === '-h') return showHelp(config, [])
    const known = [...config.commandIDs.map((id) => id.replace(/:/g, ' ')), ...LEVELS.map((l) => `${l} select`), 'back', 'unselect', 'help', 'exit', 'quit']
    const { suggestCommand, unknownCommandMessage } = await import('../cli/suggest-command.js')
    return fail(unknownCommandMessage(suggestCommand(words, known), '', "Type 'help' to see the commands."), 2)
  }
  const { cmd, argv } = found
  if (argv.includes('--help')) return showHelp(config, [...cmd.id.split(':'), ...argv])
  let finalArgv = argv
  if (ctx.prompting && !argv.includes('--json')) {
    const { fillMissing } = await import('../cli/prompt-missing.js')
    finalArgv = await fillMissing(cmd, argv, { app: session.app, scope: session.scope, ask: ctx.ask })
  }
  const controller = new AbortController()
  session.signal = controller.signal
  ctx.onRunning?.(controller)
  try {
    await runInConfig(config, cmd, finalArgv)
    return { code: 0 }
  } finally {
    session.signal = undefined
    ctx.onRunning?.(undefined)
    // `config set` may have moved root_dir or changed the git author: start from the new config.
    if (cmd.id === 'config:set') session.app = await createApp().catch(() => session.app)
  }
}

/**
 * What `config.runCommand` does, minus its `Config.load(config)`: that makes a fresh Config per
 * command (about 20 ms), and the session attached to the shell's Config would not be found.
 */
async function runInConfig(config: Config, cached: Command.Loadable, argv: string[]): Promise<unknown> {
  const Loaded = await cached.load()
  const command = new (Loaded as unknown as new (argv: string[], config: Config) => Command)(argv, config)
  command.id ??= cached.id
  return (command as unknown as { _run(): Promise<unknown> })._run()
}

/** The longest run of leading words that names a command ('project list' → project:list). */
export function resolveCommand(config: Config, words: string[]): { cmd: Command.Loadable; argv: string[] } | undefined {
  for (let n = Math.min(words.length, 3); n >= 1; n--) {
    if (words.slice(0, n).some((w) => w.startsWith('-'))) continue
    const cmd = config.findCommand(words.slice(0, n).join(':'))
    if (cmd) return { cmd, argv: words.slice(n) }
  }
  return undefined
}

async function showHelp(config: Config, argv: string[]): Promise<LineResult> {
  const { loadHelpClass } = await import('@oclif/core')
  const Help = await loadHelpClass(config)
  await new Help(config, config.pjson.oclif.helpOptions ?? config.pjson.helpOptions).showHelp(argv.filter((a) => a !== '--help'))
  if (argv.length === 0) process.stdout.write(SHELL_HELP)
  return { code: 0 }
}

function fail(message: string, code: number, stack?: string): LineResult {
  process.stderr.write(`Error: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`)
  if (stack) process.stderr.write(`${stack}\n`)
  return { code }
}
