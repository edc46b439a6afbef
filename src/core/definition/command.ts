import { InvalidInputError } from '../errors.js'
import type { CommandSpec, ComponentSpec, ParamValue, Task } from '../model/types.js'
import { checkName } from '../model/names.js'
import { attachDefinition, inlineDefinition } from '../pipeline/inline.js'
import type { ComponentDefinition, ParamSpec } from '../pipeline/types.js'

/** A parameter of a command component: a ParamSpec whose description may be left out. */
export type CommandParamSpec = Omit<ParamSpec, 'description'> & { description?: string }

export interface CommandOptions {
  name: string
  kind: 'transformer' | 'estimator'
  /** estimators: the tasks the program handles. */
  tasks?: Task[]
  /** argv, no shell: e.g. ['python3', 'models/forest.py']; relative paths are relative to the definition file's folder (the program's cwd). */
  run: string[]
  params?: Record<string, CommandParamSpec>
  /** More files the program reads; their content versions the execution, like the script's. */
  files?: string[]
  /** Seconds before the program is stopped and the run fails; no limit when absent. */
  timeoutS?: number
  description?: string
}

// Marks a component definition as a command's, so the loader (ESM side) can bind it to its folder and
// to the runner. This file is also compiled to CommonJS: it holds no runtime, only data.
const COMMAND = Symbol.for('padre.commandComponent')

/**
 * An external program as a pipeline component: `command({ name, kind, tasks, run, params })` returns a
 * factory like the built-ins' (`forest({ nEstimators: 50 })`). The program runs once per split in a job
 * folder (see notes/command.md for the exchange format).
 */
export function command(options: CommandOptions): (params?: Record<string, ParamValue>) => ComponentSpec {
  const spec = checkOptions(options)
  const definition: ComponentDefinition = {
    name: options.name,
    kind: options.kind,
    tasks: options.kind === 'estimator' ? options.tasks! : ['classification', 'regression'],
    description: options.description ?? `command: ${options.run.join(' ')}`,
    params: Object.fromEntries(Object.entries(options.params ?? {}).map(([k, p]) => [k, { ...p, description: p.description ?? '' }])),
    create: async () => {
      throw new InvalidInputError(`Component '${options.name}' runs a command and needs a definition file: execute it with 'padre experiment execute --file <file>'.`)
    },
  }
  Object.defineProperty(definition, COMMAND, { value: spec, enumerable: false })
  return (params = {}) => attachDefinition({ component: options.name, params, origin: 'command', command: spec }, definition)
}

/** The command of a pipeline step, when it is a command component. */
export function commandOf(spec: ComponentSpec): { command: CommandSpec; definition: ComponentDefinition } | undefined {
  const definition = inlineDefinition(spec)
  const command = definition && (definition as unknown as Record<symbol, CommandSpec | undefined>)[COMMAND]
  return command ? { command, definition: definition! } : undefined
}

function checkOptions(o: CommandOptions): CommandSpec {
  const bad = (field: string, expected: string) => new InvalidInputError(`command(${typeof o?.name === 'string' ? `'${o.name}'` : ''}): '${field}' must be ${expected}.`)
  if (!o || typeof o !== 'object') throw new InvalidInputError("command() needs { name, kind, run }, e.g. command({ name: 'forest', kind: 'estimator', tasks: ['classification'], run: ['python3', 'forest.py'] }).")
  if (typeof o.name !== 'string') throw bad('name', 'a component name')
  checkName('component', o.name)
  if (o.kind !== 'estimator' && o.kind !== 'transformer') throw bad('kind', "'estimator' or 'transformer'")
  if (o.kind === 'estimator' && (!Array.isArray(o.tasks) || o.tasks.length === 0 || o.tasks.some((t) => t !== 'classification' && t !== 'regression'))) {
    throw bad('tasks', "a list of 'classification' and/or 'regression'")
  }
  if (!Array.isArray(o.run) || o.run.length === 0 || o.run.some((a) => typeof a !== 'string' || a === '')) throw bad('run', "a non-empty list of strings (argv, no shell), e.g. ['python3', 'forest.py']")
  if (o.files !== undefined && (!Array.isArray(o.files) || o.files.some((f) => typeof f !== 'string' || f === ''))) throw bad('files', 'a list of file paths')
  if (o.timeoutS !== undefined && (typeof o.timeoutS !== 'number' || !(o.timeoutS > 0))) throw bad('timeoutS', 'a positive number of seconds')
  for (const [k, p] of Object.entries(o.params ?? {})) {
    if (!p || typeof p !== 'object' || !['int', 'number', 'string', 'boolean', 'enum'].includes(p.type) || !('default' in p)) {
      throw bad(`params.${k}`, "{ type: 'int' | 'number' | 'string' | 'boolean' | 'enum', default, ... }")
    }
  }
  return { run: [...o.run], ...(o.files ? { files: [...o.files] } : {}), ...(o.timeoutS !== undefined ? { timeoutS: o.timeoutS } : {}) }
}
