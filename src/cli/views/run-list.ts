import type { RunRecord } from '../../core/model/types.js'
import { fieldValue } from '../../core/query/documents.js'
import type { App } from '../../core/services/app.js'
import { queryRuns } from '../../core/services/query-runs.js'
import type { Scope } from '../../core/services/scope.js'
import { renderAs } from '../export.js'
import { fmtMetric, fmtMs, fmtTime, table } from '../render.js'
import { show, type ViewIo } from './io.js'

const TABLE_ROWS = 50

// as splitColumns in query-flags.ts, which loads oclif
const splitColumns = (s: string | undefined) => (s ? s.split(',').map((c) => c.trim()).filter(Boolean) : undefined)

export interface RunListFlags {
  status?: string
  limit?: number
  where?: string
  filter?: string
  deleted?: boolean
  sort?: string
  columns?: string
  format: string
  precision: number
  wide?: boolean
}

/** `run list`: what the oclif command and bin/run.js's fast path both print. */
export async function runListView(app: App, scope: Scope, flags: RunListFlags, io: ViewIo): Promise<RunRecord[]> {
  const columns = splitColumns(flags.columns)
  const limit = flags.limit ?? (io.json || flags.format !== 'table' ? undefined : TABLE_ROWS)
  const result = await queryRuns(app, {
    ...scope, status: flags.status as RunRecord['status'] | undefined, deleted: flags.deleted,
    where: flags.where, filter: flags.filter, sort: flags.sort, columns, limit,
  })
  const runs = result.runs
  io.beforeOutput?.()
  if (runs.length === 0 && flags.format === 'table') io.log(flags.where || flags.filter ? 'No runs match the query.' : "No runs yet. Start one with 'padre experiment execute'.")
  else if (result.columns) await show(io, () => renderAs(flags.format, result.columns!, result.documents.map((d) => result.columns!.map((c) => cellOf(fieldValue(d, c))))))
  else await show(io, () => (flags.format === 'table'
    ? table([...(flags.wide ? ['run id'] : ['experiment', 'run']), 'status', 'started', 'duration', 'main metric (best point)'], runs.map((r) => [
      ...(flags.wide ? [r.id] : [`${r.project}:${r.experiment}`, r.run]), r.status, fmtTime(r.startedAt), fmtMs(r.durationMs),
      r.mainMetric ? `${r.mainMetric.name} ${fmtMetric(r.mainMetric.value, flags.precision)}` : (r.error ?? '-')]))
    : renderAs(flags.format, ['run', 'status', 'startedAt', 'durationMs', 'mainMetric', 'value', 'error'], runs.map((r) => [
      r.id, r.status, r.startedAt, r.durationMs, r.mainMetric?.name, r.mainMetric?.value, r.error]))))
  if (runs.length < result.total) io.note(`Showing ${flags.sort ? 'the first' : 'the newest'} ${runs.length} of ${result.total} runs; --limit N shows more.`)
  return runs
}

function cellOf(v: unknown): string | number | boolean | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(6))
  return typeof v === 'object' ? JSON.stringify(v) : (v as string | boolean)
}
