import { InvalidInputError, closeMatches } from '../errors.js'
import type { QueryOptions } from '../query/match.js'
import type { App } from './app.js'
import { listExperiments, type ExperimentSummary } from './experiments.js'
import { queryRuns } from './query-runs.js'
import type { Scope } from './scope.js'

export const EXPERIMENT_FIELDS = ['id', 'project', 'name', 'dataset', 'executions', 'createdAt', 'description'] as const

/** experiment list with a query: the experiments having at least one run that matches it. */
export async function queryExperiments(app: App, scope: Scope, q: QueryOptions & { deleted?: boolean }): Promise<ExperimentSummary[]> {
  let experiments = await listExperiments(app, scope)
  if (q.where || q.filter) {
    const { runs } = await queryRuns(app, { ...scope, where: q.where, filter: q.filter, deleted: q.deleted })
    const keep = new Set(runs.map((r) => `${r.project}:${r.experiment}`))
    experiments = experiments.filter((e) => keep.has(e.id))
  }
  if (q.sort) {
    const [field, dir] = q.sort.split(':')
    if (!(EXPERIMENT_FIELDS as readonly string[]).includes(field)) {
      const close = closeMatches(field, EXPERIMENT_FIELDS)
      throw new InvalidInputError(`Cannot sort experiments by '${field}'${close.length ? `. Did you mean '${close[0]}'?` : `: use one of ${EXPERIMENT_FIELDS.join(', ')}.`}`, close)
    }
    const sign = dir === 'desc' ? -1 : 1
    const get = (e: ExperimentSummary) => (e as unknown as Record<string, string | number | undefined>)[field]
    experiments.sort((a, b) => {
      const [x, y] = [get(a), get(b)]
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? '')))
    })
  }
  return q.limit ? experiments.slice(0, q.limit) : experiments
}
