import { NotFoundError } from '../errors.js'
import type { ComputationMetrics, ComputationRecord, ResultsFile } from '../model/types.js'
import type { App } from './app.js'
import { locateRun } from './runs.js'
import type { Scope } from './scope.js'

export interface ComputationSummary extends ComputationRecord {
  metrics?: ComputationMetrics
}

export async function listComputations(app: App, runRef: string, scope: Scope = {}): Promise<ComputationSummary[]> {
  const [p, e, v, r] = await locateRun(app, runRef, scope)
  const names = await app.store.computationNames(p, e, v, r)
  const all = await Promise.all(names.map(async (c): Promise<ComputationSummary | undefined> => {
    const computation = await app.store.computation(p, e, v, r, c)
    return computation ? { ...computation, metrics: await app.store.computationMetrics(p, e, v, r, c) } : undefined
  }))
  return all.filter((c): c is ComputationSummary => c !== undefined).sort((a, b) => a.point - b.point || a.split - b.split)
}

/** A computation by full id (<run id>:<computation>) or by name within --run. */
export async function getComputation(app: App, ref: string, scope: Scope = {}): Promise<{ computation: ComputationRecord; metrics?: ComputationMetrics; results?: ResultsFile }> {
  const cut = ref.lastIndexOf(':')
  const runRef = cut > 0 ? ref.slice(0, cut) : scope.run
  const name = ref.slice(cut + 1)
  if (!runRef) throw new NotFoundError(`Computation '${ref}' needs its run: give the full id <run id>:${name}, or --run.`)
  const [p, e, v, r] = await locateRun(app, runRef, scope)
  const computation = await app.store.computation(p, e, v, r, name)
  if (!computation) {
    const known = await app.store.computationNames(p, e, v, r)
    throw new NotFoundError(`Computation '${name}' not found in run ${r}. It has: ${known.join(', ') || 'none'}.`)
  }
  const [metrics, results] = await Promise.all([app.store.computationMetrics(p, e, v, r, name), app.store.results(p, e, v, r, name)])
  return { computation, metrics, results }
}
