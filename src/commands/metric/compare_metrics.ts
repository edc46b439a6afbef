import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmtMetric, table } from '../../cli/render.js'
import { compareMetrics, type CompareRow } from '../../core/services/compare-metrics.js'
import { renderCompare, statsCell } from '../../cli/compare-export.js'
import { formatFlag, queryFlags } from '../../cli/query-flags.js'
import { compareStats, type RowStats } from '../../core/services/compare-stats.js'
import { InvalidInputError, closeMatches } from '../../core/errors.js'

const TABLE_ROWS = 50

export default class MetricCompareMetrics extends PadreCommand {
  static override description = 'Compare runs side by side: parameters and mean metrics, sorted by a metric'
  static override examples = [
    '<%= config.bin %> metric compare_metrics --project Examples',
    '<%= config.bin %> metric compare_metrics -p Examples -e iris-grid --sort f1_macro --limit 5',
    '<%= config.bin %> metric compare_metrics --metric accuracy --metric f1_macro --json',
    `<%= config.bin %> metric compare_metrics --filter 'params.knn.k in (3, 5)' --stats`,
    '<%= config.bin %> metric compare_metrics -p Examples --format latex > table.tex',
    '<%= config.bin %> metric compare_metrics -e iris-grid --sort knn.k --wide',
  ]
  static override flags = {
    project: scopeFlags.project,
    experiment: scopeFlags.experiment,
    execution: scopeFlags.execution,
    sort: Flags.string({ char: 's', description: 'metric to sort by (default: accuracy or r2), best first; a parameter (e.g. knn.k), smallest first; or a field such as params.knn.k[:asc|:desc]' }),
    ascending: Flags.boolean({ description: 'sort lowest first' }),
    metric: Flags.string({ char: 'm', description: 'metrics to show (repeatable; default: a few main ones)', multiple: true }),
    limit: Flags.integer({ char: 'l', description: 'show at most this many rows (default: 50 in the table, all with --json)', min: 1 }),
    ...queryFlags,
    stats: Flags.boolean({ description: 'mean ± sample std and a 95% Student-t confidence interval per metric, from the per-split values' }),
    columns: Flags.string({ description: 'comma-separated metrics to show (same as repeating --metric)' }),
    format: formatFlag,
    precision: Flags.integer({ description: 'decimals of metric values', default: 4, min: 0, max: 12 }),
    wide: Flags.boolean({ char: 'w', description: 'full run ids in the table' }),
  }

  async run(): Promise<{ rows: Array<CompareRow & { stats?: RowStats['summaries'] }> }> {
    const { flags } = await this.parse(MetricCompareMetrics)
    const limit = flags.limit ?? (this.jsonEnabled() || flags.format !== 'table' ? undefined : TABLE_ROWS)
    const app = await this.app(flags.config)
    const result = await compareMetrics(app, { ...this.scope(flags), sort: flags.sort, ascending: flags.ascending, limit, where: flags.where, filter: flags.filter, deleted: flags.deleted })
    const preferred = ['accuracy', 'f1_macro', 'precision_macro', 'recall_macro', 'r2', 'rmse', 'mae']
    const columns = flags.columns?.split(',').map((c) => c.trim().replace(/^metrics\./, '')).filter(Boolean)
    const shown = columns ?? flags.metric ?? result.metrics.filter((m) => preferred.includes(m))
    const unknown = shown.filter((m) => result.total && !result.metrics.includes(m))
    if (unknown.length) throw new InvalidInputError(`Unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `'${m}'`).join(', ')}: the runs have ${result.metrics.join(', ')}.`, closeMatches(unknown[0], result.metrics))
    const stats = flags.stats || flags.format === 'latex' ? await compareStats(app, result.rows, shown) : undefined
    this.noteShellScope(flags)
    if (result.rows.length === 0) this.log(flags.where || flags.filter ? 'No runs match the query.' : 'No finished runs to compare.')
    else if (flags.format !== 'table') await this.show(() => renderCompare(flags.format, result.rows, result.parameters, shown, stats))
    else await this.show(() => compareTable(result.rows, result.parameters, shown, flags.precision, flags.wide, flags.stats ? stats : undefined))
    if (flags.stats) this.note('mean ± sample std (n - 1) over splits [95% Student-t confidence interval of the mean]')
    if (result.rows.length < result.total) {
      const which = !result.sort ? 'first' : result.descending ? 'highest' : 'lowest'
      this.note(`Showing the ${which} ${result.rows.length} of ${result.total} rows${result.sort ? ` by ${result.sort}` : ''}; --limit N shows more.`)
    }
    if (stats) return { rows: result.rows.map((r, i) => ({ ...r, stats: stats[i].summaries })) }
    return { rows: result.rows }
  }
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
