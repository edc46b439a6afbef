import type { ComputationMetrics, ComputationRecord, RunRecord } from '../model/types.js'
import type { App } from './app.js'

export interface SplitValues {
  /** split index → computation, for one grid point, ordered by split. */
  computations: Array<ComputationRecord & { metrics?: ComputationMetrics }>
  /** metric → value per split, in split order. */
  values: Record<string, number[]>
}

/** The per-split metric values of one run at one grid point (what the paired tests and box plots use). */
export async function splitValues(app: App, run: RunRecord, point: number): Promise<SplitValues> {
  const { project: p, experiment: e, execution: v, run: r } = run
  const names = (await app.store.computationNames(p, e, v, r)).filter((n) => n.endsWith(`-point-${point}`))
  const loaded = await Promise.all(names.map(async (c) => {
    const computation = await app.store.computation(p, e, v, r, c)
    return computation ? { ...computation, metrics: await app.store.computationMetrics(p, e, v, r, c) } : undefined
  }))
  const computations = loaded.filter((c): c is NonNullable<typeof c> => c !== undefined && c.point === point).sort((a, b) => a.split - b.split)
  const values: Record<string, number[]> = {}
  for (const c of computations) for (const [m, x] of Object.entries(c.metrics?.values ?? {})) (values[m] ??= []).push(x)
  return { computations, values }
}
