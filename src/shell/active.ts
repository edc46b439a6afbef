import { InvalidInputError, NotFoundError, notFound } from '../core/errors.js'
import type { App } from '../core/services/app.js'
import type { Scope } from '../core/services/scope.js'

export const LEVELS = ['project', 'experiment', 'execution', 'run'] as const
export type Level = (typeof LEVELS)[number]

/** `<level> select <name>`, `back`, `unselect`: the shell's active objects, handled before oclif. */
export function isActiveBuiltin(words: string[]): boolean {
  return (words.length >= 2 && (LEVELS as readonly string[]).includes(words[0]) && words[1] === 'select') || words[0] === 'back' || words[0] === 'unselect'
}

/** The scope after the built-in; the names are checked with the services (unknown → NotFoundError). */
export async function applyActiveBuiltin(app: App, scope: Scope, words: string[]): Promise<Scope> {
  if (words[0] === 'unselect') {
    if (words.length > 1) throw new InvalidInputError("'unselect' takes no arguments: it clears every active object.")
    return {}
  }
  if (words[0] === 'back') {
    if (words.length > 1) throw new InvalidInputError("'back' takes no arguments: it leaves the innermost active object.")
    const deepest = [...LEVELS].reverse().find((l) => scope[l])
    if (!deepest) return {}
    const next = { ...scope }
    delete next[deepest]
    return next
  }
  const level = words[0] as Level
  if (words.length !== 3) throw new InvalidInputError(`Usage: ${level} select <name>.`)
  return select(app, scope, level, words[2])
}

async function select(app: App, scope: Scope, level: Level, ref: string): Promise<Scope> {
  switch (level) {
    case 'project': {
      const { getProject } = await import('../core/services/projects.js')
      return { project: (await getProject(app, ref)).name }
    }
    case 'experiment': {
      const { getExperiment } = await import('../core/services/experiments.js')
      if (!ref.includes(':') && !scope.project) throw new InvalidInputError(`Select a project first ('project select <name>'), or give the full id: experiment select <project>:${ref}.`)
      const e = await getExperiment(app, ref, { project: scope.project })
      return { project: e.project, experiment: e.name }
    }
    case 'execution': {
      const { getExecution } = await import('../core/services/executions.js')
      if (ref.split(':').length < 3 && !scope.experiment) throw new InvalidInputError(`Select an experiment first ('experiment select <name>'), or give the full id: execution select <project>:<experiment>:${ref}.`)
      const x = await getExecution(app, ref, { project: scope.project, experiment: scope.experiment })
      return { project: x.project, experiment: x.experiment, execution: x.version }
    }
    case 'run': {
      const { locateRun } = await import('../core/services/runs.js')
      const within = { project: scope.project, experiment: scope.experiment, execution: scope.execution }
      const [project, experiment, execution, run] = await locateRun(app, ref, within).catch(async (error: unknown) => {
        if (!(error instanceof NotFoundError)) throw error
        const { safeNamesOf } = await import('./names.js')
        throw notFound('Run', ref, await safeNamesOf(app, 'run', within), 'padre run list')
      })
      return { project, experiment, execution, run }
    }
  }
}
