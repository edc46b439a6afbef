import type { ParamValue, RunMetrics, RunRecord } from '../model/types.js'

/** One queryable row: a run at one grid point. The UI's filter box evaluates the same shape. */
export interface RunDocument {
  /** '<run id>#<point>' */
  key: string
  run: string
  project: string
  experiment: string
  execution: string
  point: number
  status: string
  dataset: string
  startedAt: string
  durationMs?: number
  /** component → parameter → value, from the 'component.param' keys of the record. */
  params: Record<string, Record<string, ParamValue>>
  /** Mean over splits. */
  metrics: Record<string, number>
  /** Standard deviation over splits; queried as metrics.<name>.std. */
  std: Record<string, number>
  splits: number
  tags: Record<string, string>
  deleted: boolean
}

/** What runDocuments reads of a run record (the run index keeps just this for queries). */
export type RunSummary = Pick<RunRecord, 'id' | 'project' | 'experiment' | 'execution' | 'run' | 'status' | 'dataset' | 'startedAt' | 'durationMs' | 'tags' | 'deletedAt' | 'points'>

/** The documents of one run: one per grid point with metrics, or one without metrics (failed or running). */
export function runDocuments(run: RunSummary, metrics?: Pick<RunMetrics, 'points'> | null): RunDocument[] {
  const points = metrics?.points.length ? metrics.points : [{ point: 0, parameters: run.points?.[0] ?? {}, mean: {}, std: {}, splits: 0 }]
  return points.map((p) => ({
    key: `${run.id}#${p.point}`,
    run: run.id, project: run.project, experiment: run.experiment, execution: run.execution, point: p.point,
    status: run.status, dataset: run.dataset, startedAt: run.startedAt,
    ...(run.durationMs !== undefined ? { durationMs: run.durationMs } : {}),
    params: nestParams(p.parameters), metrics: p.mean, std: p.std, splits: p.splits,
    tags: run.tags ?? {}, deleted: run.deletedAt !== undefined,
  }))
}

export function nestParams(flat: Record<string, ParamValue>): Record<string, Record<string, ParamValue>> {
  const nested: Record<string, Record<string, ParamValue>> = {}
  for (const [key, value] of Object.entries(flat)) {
    const dot = key.indexOf('.')
    const [component, name] = dot < 0 ? ['', key] : [key.slice(0, dot), key.slice(dot + 1)]
    ;(nested[component] ??= {})[name] = value
  }
  return nested
}

/** The value of a field as a person writes it: params.<component>.<name>, metrics.<name>[.std], tags.<key>, or a top-level field. */
export function fieldValue(doc: RunDocument, field: string): unknown {
  const path = storedPath(field)
  const dot = path.indexOf('.')
  if (dot < 0) return (doc as unknown as Record<string, unknown>)[path]
  const head = path.slice(0, dot)
  const rest = path.slice(dot + 1)
  if (head === 'params') {
    const d = rest.indexOf('.')
    return d < 0 ? doc.params['']?.[rest] : doc.params[rest.slice(0, d)]?.[rest.slice(d + 1)]
  }
  if (head === 'metrics' || head === 'std' || head === 'tags') return doc[head][rest]
  return undefined
}

/** metrics.<name>.std is stored as std.<name>. */
export function storedPath(field: string): string {
  const m = /^metrics\.(.+)\.std$/.exec(field)
  return m ? `std.${m[1]}` : field
}

/** Every field the documents have, as a person writes it (for did-you-mean and --columns). */
export function documentFields(docs: RunDocument[]): string[] {
  const fields = new Set(STATIC_FIELDS)
  // names are few and documents many: build a field's string only the first time its name is seen
  const params = new Map<string, Set<string>>()
  const metrics = new Set<string>()
  const tags = new Set<string>()
  for (const d of docs) {
    for (const c in d.params) {
      let seen = params.get(c)
      if (!seen) params.set(c, (seen = new Set()))
      for (const p in d.params[c]) if (!seen.has(p)) { seen.add(p); fields.add(c ? `params.${c}.${p}` : `params.${p}`) }
    }
    for (const m in d.metrics) if (!metrics.has(m)) { metrics.add(m); fields.add(`metrics.${m}`); fields.add(`metrics.${m}.std`) }
    for (const t in d.tags) if (!tags.has(t)) { tags.add(t); fields.add(`tags.${t}`) }
  }
  return [...fields]
}

export const STATIC_FIELDS = ['run', 'project', 'experiment', 'execution', 'point', 'status', 'dataset', 'startedAt', 'durationMs', 'splits', 'tags', 'deleted']
