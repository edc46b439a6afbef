import type { Command } from '@oclif/core'
import type { App } from '../core/services/app.js'
import type { Scope } from '../core/services/scope.js'
import { nameKind, safeNamesOf } from '../shell/names.js'

/** A required argument or flag the line did not give. */
export interface Missing {
  kind: 'arg' | 'flag'
  name: string
  description?: string
  /** Fixed values of the flag or argument (oclif `options`). */
  options?: readonly string[]
}

/** One question for inquirer: `select` among names, or `input` for a new name. */
export type Question =
  | { type: 'select'; config: { message: string; choices: Array<{ name: string; value: string }>; pageSize?: number } }
  | { type: 'input'; config: { message: string; validate: (value: string) => true | string } }

/** Asks one question; the default is @inquirer/prompts on the terminal (imported only when needed). */
export type Ask = (question: Question) => Promise<string>

/** The select choice that switches to typing a new name. */
export const NEW_NAME = '\u0000new'

/** Prompting is for people: a TTY on stdin, no --json, no CI. */
export function canPrompt(argv: string[], env: NodeJS.ProcessEnv = process.env, stdinIsTTY = Boolean(process.stdin.isTTY)): boolean {
  return stdinIsTTY && !env.CI && !argv.includes('--json') && !argv.includes('--help')
}

/**
 * What `argv` lacks for command `cmd`: required args and flags oclif would reject, plus the flags
 * `experiment execute` needs without --file (its project may come from the active project).
 */
export function findMissing(cmd: Command.Cached, argv: string[], scope: Scope = {}): Missing[] {
  const flags = cmd.flags ?? {}
  const byChar = new Map(Object.entries(flags).filter(([, f]) => f.char).map(([name, f]) => [f.char as string, name]))
  const seen = new Set<string>()
  let positionals = 0
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]
    if (token === '--') {
      positionals += argv.length - i - 1
      break
    }
    let name: string | undefined
    let inlineValue = false
    if (token.startsWith('--')) {
      const eq = token.indexOf('=')
      name = token.slice(2, eq < 0 ? undefined : eq)
      inlineValue = eq >= 0
    } else if (token.startsWith('-') && token.length >= 2) {
      name = byChar.get(token[1])
      inlineValue = token.length > 2
    } else {
      positionals++
      continue
    }
    if (name === undefined) continue
    seen.add(name)
    if (flags[name]?.type === 'option' && !inlineValue) i++
  }
  const missing: Missing[] = []
  for (const [name, f] of Object.entries(flags)) {
    if (f.required && !seen.has(name) && f.default === undefined) missing.push({ kind: 'flag', name, description: f.description, options: f.type === 'option' ? f.options : undefined })
  }
  const args = Object.entries(cmd.args ?? {})
  args.forEach(([name, a], index) => {
    if (a.required && index >= positionals) missing.push({ kind: 'arg', name, description: a.description, options: a.options })
  })
  if (cmd.id === 'experiment:execute' && !seen.has('file')) {
    for (const name of ['project', 'name', 'dataset', 'estimator']) {
      if (!seen.has(name) && !(name === 'project' && scope.project)) missing.push({ kind: 'flag', name, description: flags[name]?.description })
    }
  }
  return missing
}

/** The question for one missing value: a select among known names (or fixed options), else an input. */
export function questionFor(commandId: string, missing: Missing, known: readonly string[] | undefined): Question {
  const label = missing.kind === 'flag' ? `--${missing.name}` : `<${missing.name}>`
  const about = missing.description ? ` (${missing.description})` : ''
  const choices = missing.options ?? known
  if (choices && choices.length > 0) {
    const creates = commandId === 'experiment:execute' && missing.name === 'project'
    return {
      type: 'select',
      config: {
        message: `${label}${about}`,
        choices: [...choices.map((c) => ({ name: c, value: c })), ...(creates ? [{ name: '(a new project)', value: NEW_NAME }] : [])],
        pageSize: 12,
      },
    }
  }
  return { type: 'input', config: { message: `${label}${about}`, validate: (v: string) => (v.trim() ? true : `Give a value for ${label}.`) } }
}

/** @inquirer/prompts on the terminal. */
export const terminalAsk: Ask = async (question) => {
  const { input, select } = await import('@inquirer/prompts')
  return question.type === 'select' ? select(question.config) : input(question.config)
}

export interface FillOptions {
  app: App
  scope: Scope
  ask?: Ask
}

/**
 * Asks for every missing value and returns the argv to run: flags go first (`--name=value`, safe
 * before a `--`), arguments last. Returns `argv` itself when nothing is missing.
 */
export async function fillMissing(cmd: Command.Cached, argv: string[], options: FillOptions): Promise<string[]> {
  const missing = findMissing(cmd, argv, options.scope)
  if (missing.length === 0) return argv
  const ask = options.ask ?? terminalAsk
  const flags: string[] = []
  const args: string[] = []
  let project = flagValue(argv, 'project', 'p') ?? options.scope.project
  for (const m of missing) {
    const kind = nameKind(cmd.id, m.name)
    const known = kind && !m.options ? await safeNamesOf(options.app, kind, { ...options.scope, project }) : undefined
    let value = await ask(questionFor(cmd.id, m, known))
    if (value === NEW_NAME) value = await ask(questionFor(cmd.id, { ...m, options: undefined }, undefined))
    if (m.name === 'project') project = value
    if (m.kind === 'flag') flags.push(`--${m.name}=${value}`)
    else args.push(value)
  }
  return [...flags, ...argv, ...(args.length && !argv.includes('--') && args.some((a) => a.startsWith('-')) ? ['--'] : []), ...args]
}

function flagValue(argv: string[], name: string, char: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i]
    if (t === `--${name}` || t === `-${char}`) return argv[i + 1]
    if (t.startsWith(`--${name}=`)) return t.slice(name.length + 3)
  }
  return undefined
}
