import type { Command, Config } from '@oclif/core'
import type { App } from '../core/services/app.js'
import type { Scope } from '../core/services/scope.js'
import { LEVELS } from './active.js'
import { nameKind, safeNamesOf, type NameKind } from './names.js'
import { resolveCommand } from './run-line.js'
import { tokenize } from './tokenize.js'

const BUILTINS = ['help', 'exit', 'quit', 'back', 'unselect']

export interface CompletionContext {
  config: Config
  app: App
  scope: Scope
}

/**
 * readline's completer: [candidates, the text they complete]. Commands first, then subcommands (and
 * `select`), then flags of the command being typed, their fixed values, and names of projects,
 * experiments, executions, runs, datasets and estimators after the flags (or in the args) that take them.
 */
export async function complete(ctx: CompletionContext, line: string): Promise<[string[], string]> {
  const { words, endsBetweenWords, openQuote } = tokenize(line, { partial: true })
  if (openQuote) return [[], '']
  const current = endsBetweenWords ? '' : (words.at(-1) ?? '')
  const before = endsBetweenWords ? words : words.slice(0, -1)
  const candidates = await candidatesFor(ctx, before, current)
  const matching = [...new Set(candidates)].filter((c) => c.startsWith(current)).sort()
  const shown = matching.length === 1 && !matching[0].endsWith('=') ? [`${matching[0]} `] : matching
  return [shown, current]
}

async function candidatesFor(ctx: CompletionContext, before: string[], current: string): Promise<string[]> {
  const { config } = ctx
  const topics = [...new Set(config.commandIDs.map((id) => id.split(':')[0]))]
  if (before.length === 0) return [...topics, ...BUILTINS]
  if (before[0] === 'help') return before.length === 1 ? topics : subcommands(config, before[1])
  if (before.length === 1 && topics.includes(before[0])) {
    return [...subcommands(config, before[0]), ...((LEVELS as readonly string[]).includes(before[0]) ? ['select'] : [])]
  }
  if (before.length === 2 && before[1] === 'select' && (LEVELS as readonly string[]).includes(before[0])) {
    return safeNamesOf(ctx.app, before[0] as NameKind, ctx.scope)
  }
  const found = resolveCommand(config, before)
  if (!found) return []
  const { cmd, argv } = found
  const flags = cmd.flags ?? {}
  const scope = lineScope(argv, ctx.scope)
  // --flag=value
  const eq = current.indexOf('=')
  if (current.startsWith('--') && eq > 0) {
    const name = current.slice(2, eq)
    return (await flagValues(ctx, cmd, name, scope)).map((v) => `--${name}=${v}`)
  }
  // the value of the flag just typed
  const previous = argv.at(-1)
  const previousFlag = previous ? flagName(cmd, previous) : undefined
  if (previousFlag && flags[previousFlag]?.type === 'option' && !previous!.includes('=')) return flagValues(ctx, cmd, previousFlag, scope)
  const flagNames = Object.entries(flags)
    .filter(([name, f]) => !f.hidden && (('multiple' in f && f.multiple) || !argv.some((a) => flagName(cmd, a) === name)))
    .map(([name]) => `--${name}`)
  if (current.startsWith('-')) return [...flagNames, '--help']
  // a positional argument
  const index = positionalCount(cmd, argv)
  const arg = Object.keys(cmd.args ?? {})[index]
  const kind = arg ? nameKind(cmd.id, arg) : undefined
  if (arg && cmd.args[arg].options) return [...cmd.args[arg].options!]
  if (kind) return safeNamesOf(ctx.app, kind, scope)
  return current === '' ? flagNames : []
}

function subcommands(config: Config, topic: string | undefined): string[] {
  if (!topic) return []
  return config.commandIDs.filter((id) => id.startsWith(`${topic}:`)).map((id) => id.slice(topic.length + 1).split(':')[0])
}

async function flagValues(ctx: CompletionContext, cmd: Command.Cached, name: string, scope: Scope): Promise<string[]> {
  const flag = cmd.flags?.[name]
  if (!flag || flag.type !== 'option') return []
  if (flag.options) return [...flag.options]
  const kind = nameKind(cmd.id, name)
  return kind ? safeNamesOf(ctx.app, kind, scope) : []
}

/** The long name of a flag token (`--project`, `--project=x`, `-p`), if the command has it. */
function flagName(cmd: Command.Cached, token: string): string | undefined {
  if (token.startsWith('--')) {
    const name = token.slice(2).split('=')[0]
    return cmd.flags?.[name] ? name : undefined
  }
  if (token.startsWith('-') && token.length === 2) return Object.entries(cmd.flags ?? {}).find(([, f]) => f.char === token[1])?.[0]
  return undefined
}

function positionalCount(cmd: Command.Cached, argv: string[]): number {
  let count = 0
  for (let i = 0; i < argv.length; i++) {
    const name = flagName(cmd, argv[i])
    if (name) {
      if (cmd.flags[name].type === 'option' && !argv[i].includes('=')) i++
    } else if (!argv[i].startsWith('-')) count++
  }
  return count
}

/** The scope the line itself names (--project, --experiment, ...), over the active objects. */
function lineScope(argv: string[], active: Scope): Scope {
  const given: Scope = {}
  const chars: Record<string, keyof Scope> = { '-p': 'project', '-e': 'experiment' }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s)
    const key = chars[flag] ?? (flag.startsWith('--') ? (flag.slice(2) as keyof Scope) : undefined)
    if (key && (LEVELS as readonly string[]).includes(key)) {
      const value = inline ?? argv[i + 1]
      if (value !== undefined) given[key] = value
    }
  }
  // Another project on the line: the active experiment (and below) belongs to the active one.
  if (given.project && given.project !== active.project) return given
  return { ...active, ...given }
}
