import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmt, table } from '../../cli/render.js'
import { compareMetrics, type CompareRow } from '../../core/services/compare-metrics.js'

const TABLE_ROWS = 50

export default class MetricCompareMetrics extends PadreCommand {
  static override description = 'Compare runs side by side: parameters and mean metrics, sorted by a metric'
  static override examples = [
    '<%= config.bin %> metric compare_metrics --project Examples',
    '<%= config.bin %> metric compare_metrics -p Examples -e iris-grid --sort f1_macro --limit 5',
    '<%= config.bin %> metric compare_metrics --metric accuracy --metric f1_macro --json',
  ]
  static override flags = {
    project: scopeFlags.project,
    experiment: scopeFlags.experiment,
    sort: Flags.string({ char: 's', description: 'metric to sort by (default: accuracy or r2), best first' }),
    ascending: Flags.boolean({ description: 'sort lowest first' }),
    metric: Flags.string({ char: 'm', description: 'metrics to show (repeatable; default: a few main ones)', multiple: true }),
    limit: Flags.integer({ char: 'l', description: 'show at most this many rows (default: 50 in the table, all with --json)', min: 1 }),
  }

  async run(): Promise<{ rows: CompareRow[] }> {
    const { flags } = await this.parse(MetricCompareMetrics)
    const limit = flags.limit ?? (this.jsonEnabled() ? undefined : TABLE_ROWS)
    const result = await compareMetrics(await this.app(flags.config), { ...this.scope(flags), sort: flags.sort, ascending: flags.ascending, limit })
    const preferred = ['accuracy', 'f1_macro', 'precision_macro', 'recall_macro', 'r2', 'rmse', 'mae']
    const shown = flags.metric ?? result.metrics.filter((m) => preferred.includes(m))
    if (result.rows.length === 0) this.log('No finished runs to compare.')
    else await this.show(() => compareTable(result.rows, result.parameters, shown))
    if (result.rows.length < result.total) this.note(`Showing the best ${result.rows.length} of ${result.total} rows; --limit N shows more.`)
    return { rows: result.rows }
  }
}

/** Varying parameters get a column each when there are few; otherwise one column lists each row's own. */
function compareTable(rows: CompareRow[], parameters: string[], metrics: string[]): Promise<string> {
  const wide = parameters.length <= 4
  const value = (r: CompareRow, k: string) => (k in r.parameters ? String(r.parameters[k]) : '-')
  return table(['run', 'point', ...(wide ? parameters : ['parameters']), ...metrics], rows.map((r) => [
    r.run, r.point,
    ...(wide ? parameters.map((k) => value(r, k)) : [parameters.filter((k) => k in r.parameters).map((k) => `${k}=${value(r, k)}`).join(' ')]),
    ...metrics.map((m) => fmt(r.mean[m])),
  ]))
}
