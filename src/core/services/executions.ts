import { notFound } from '../errors.js'
import type { ExecutionRecord } from '../model/types.js'
import type { App } from './app.js'
import { experimentsInScope, getExperiment } from './experiments.js'
import { splitRef, type Scope } from './scope.js'

export interface ExecutionSummary extends ExecutionRecord {
  runs: number
}

export async function listExecutions(app: App, scope: Scope = {}): Promise<ExecutionSummary[]> {
  const experiments = await experimentsInScope(app, scope)
  const all = await Promise.all(experiments.map(async ({ project, name }) => Promise.all((await app.store.executionVersions(project, name)).map(async (v) => {
    const execution = await app.store.execution(project, name, v)
    return execution ? { ...execution, runs: (await app.store.runNames(project, name, v)).length } : undefined
  }))))
  return all.flat().filter((x): x is ExecutionSummary => x !== undefined).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

export async function getExecution(app: App, ref: string, scope: Scope = {}): Promise<ExecutionSummary> {
  const [p, e, v] = splitRef(ref, 3, scope, 'execution')
  await getExperiment(app, `${p}:${e}`)
  const execution = await app.store.execution(p, e, v)
  if (!execution) throw notFound('Execution', `${p}:${e}:${v}`, (await app.store.executionVersions(p, e)).map((x) => `${p}:${e}:${x}`), `padre execution list --project ${p} --experiment ${e}`)
  return { ...execution, runs: (await app.store.runNames(p, e, v)).length }
}

/** The unified diff of two executions' sources. */
export async function compareExecutions(app: App, a: string, b: string, scope: Scope = {}): Promise<{ a: ExecutionRecord; b: ExecutionRecord; diff: string }> {
  const [x, y] = await Promise.all([getExecution(app, a, scope), getExecution(app, b, scope)])
  const { createTwoFilesPatch } = await import('diff')
  return { a: x, b: y, diff: createTwoFilesPatch(x.id, y.id, x.source.source, y.source.source, x.version, y.version) }
}
