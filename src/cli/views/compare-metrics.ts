import { InvalidInputError, closeMatches } from '../../core/errors.js'
import type { App } from '../../core/services/app.js'
import { compareMetrics, type CompareRow } from '../../core/services/compare-metrics.js'
import type { RowStats } from '../../core/services/compare-stats.js'
import type { Scope } from '../../core/services/scope.js'
import { renderCompare, statsCell } from '../compare-export.js'
import { fmtMetric, table } from '../render.js'
import { show, type ViewIo } from './io.js'

const TABLE_ROWS = 50

export interface CompareFlags {
  sort?: string
  ascending?: boolean
  metric?: string[]
  limit?: number
  where?: string
  filter?: string
  deleted?: boolean
  stats?: boolean
  columns?: string
  format: string
  precision: number
  wide?: boolean
}

/** `metric compare_metrics`: what the oclif command and bin/run.js's fast path both print. */
export async function compareMetricsView(app: App, scope: Scope, flags: CompareFlags, io: ViewIo): Promise<{ rows: Array<CompareRow & { stats?: RowStats['summaries'] }> }> {
  const limit = flags.limit ?? (io.json || flags.format !== 'table' ? undefined : TABLE_ROWS)
  const result = await compareMetrics(app, { ...scope, sort: flags.sort, ascending: flags.ascending, limit, where: flags.where, filter: flags.filter, deleted: flags.deleted })
  const preferred = ['accuracy', 'f1_macro', 'precision_macro', 'recall_macro', 'r2', 'rmse', 'mae']
  const columns = flags.columns?.split(',').map((c) => c.trim().replace(/^metrics\./, '')).filter(Boolean)
  const shown = columns ?? flags.metric ?? result.metrics.filter((m) => preferred.includes(m))
  const unknown = shown.filter((m) => result.total && !result.metrics.includes(m))
  if (unknown.length) throw new InvalidInputError(`Unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `'${m}'`).join(', ')}: the runs have ${result.metrics.join(', ')}.`, closeMatches(unknown[0], result.metrics))
  const stats = flags.stats || flags.format === 'latex' ? await (await import('../../core/services/compare-stats.js')).compareStats(app, result.rows, shown) : undefined
  io.beforeOutput?.()
  if (result.rows.length === 0) io.log(flags.where || flags.filter ? 'No runs match the query.' : 'No finished runs to compare.')
  else if (flags.format !== 'table') await show(io, () => renderCompare(flags.format, result.rows, result.parameters, shown, stats))
  else await show(io, () => compareTable(result.rows, result.parameters, shown, flags.precision, flags.wide, flags.stats ? stats : undefined))
  if (flags.stats) io.note('mean ± sample std (n - 1) over splits [95% Student-t confidence interval of the mean]')
  if (result.rows.length < result.total) {
    const which = !result.sort ? 'first' : result.descending ? 'highest' : 'lowest'
    io.note(`Showing the ${which} ${result.rows.length} of ${result.total} rows${result.sort ? ` by ${result.sort}` : ''}; --limit N shows more.`)
  }
  if (stats) return { rows: result.rows.map((r, i) => ({ ...r, stats: stats[i].summaries })) }
  return { rows: result.rows }
}

/** Varying parameters get a column each when there are few; otherwise one column lists each row's own. */
function compareTable(rows: CompareRow[], parameters: string[], metrics: string[], precision: number, fullIds = false, stats?: RowStats[]): Promise<string> {
  const wide = parameters.length <= 4
  const value = (r: CompareRow, k: string) => (k in r.parameters ? String(r.parameters[k]) : '-')
  // Short ids: the experiment and the run name, which 'padre run get <name>' accepts.
  const ids: Array<string | number>[] = rows.map((r) => (fullIds ? [r.run] : [r.experiment, r.run.slice(r.run.lastIndexOf(':') + 1)]))
  return table([...(fullIds ? ['run id'] : ['experiment', 'run']), 'point', ...(wide ? parameters : ['parameters']), ...metrics], rows.map((r, i) => [
    ...ids[i], r.point,
    ...(wide ? parameters.map((k) => value(r, k)) : [parameters.filter((k) => k in r.parameters).map((k) => `${k}=${value(r, k)}`).join(' ')]),
    ...metrics.map((m) => (stats ? statsCell(r, m, stats[i]) : fmtMetric(r.mean[m], precision))),
  ]))
}
