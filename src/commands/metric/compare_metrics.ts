import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmtMetric, table } from '../../cli/render.js'
import { InvalidInputError } from '../../core/errors.js'
import { compareMetrics, type CompareRow } from '../../core/services/compare-metrics.js'

const TABLE_ROWS = 50

export default class MetricCompareMetrics extends PadreCommand {
  static override description = 'Compare runs side by side: parameters and mean metrics, sorted by a metric'
  static override examples = [
    '<%= config.bin %> metric compare_metrics --project Examples',
    '<%= config.bin %> metric compare_metrics -p Examples -e iris-grid --sort f1_macro --limit 5',
    '<%= config.bin %> metric compare_metrics --metric accuracy --metric f1_macro --json',
    '<%= config.bin %> metric compare_metrics -e iris-grid --sort knn.k --wide',
  ]
  static override flags = {
    project: scopeFlags.project,
    experiment: scopeFlags.experiment,
    execution: scopeFlags.execution,
    sort: Flags.string({ char: 's', description: 'metric to sort by (default: accuracy or r2), best first; or a parameter (e.g. knn.k), smallest first' }),
    ascending: Flags.boolean({ description: 'sort lowest first' }),
    metric: Flags.string({ char: 'm', description: 'metrics to show (repeatable; default: a few main ones)', multiple: true }),
    limit: Flags.integer({ char: 'l', description: 'show at most this many rows (default: 50 in the table, all with --json)', min: 1 }),
    precision: Flags.integer({ description: 'decimals of metric values', default: 4, min: 0, max: 12 }),
    wide: Flags.boolean({ char: 'w', description: 'full run ids in the table' }),
  }

  async run(): Promise<{ rows: CompareRow[] }> {
    const { flags } = await this.parse(MetricCompareMetrics)
    const limit = flags.limit ?? (this.jsonEnabled() ? undefined : TABLE_ROWS)
    const result = await compareMetrics(await this.app(flags.config), { ...this.scope(flags), sort: flags.sort, ascending: flags.ascending, limit })
    const preferred = ['accuracy', 'f1_macro', 'precision_macro', 'recall_macro', 'r2', 'rmse', 'mae']
    const unknown = (flags.metric ?? []).filter((m) => !result.metrics.includes(m))
    if (unknown.length && result.total) throw new InvalidInputError(`Unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `'${m}'`).join(', ')}: the runs have ${result.metrics.join(', ')}.`)
    const shown = flags.metric ?? result.metrics.filter((m) => preferred.includes(m))
    this.noteShellScope(flags)
    if (result.rows.length === 0) this.log('No finished runs to compare.')
    else await this.show(() => compareTable(result.rows, result.parameters, shown, flags.precision, flags.wide))
    if (result.rows.length < result.total) {
      const which = !result.sort ? 'first' : result.descending ? 'highest' : 'lowest'
      this.note(`Showing the ${which} ${result.rows.length} of ${result.total} rows${result.sort ? ` by ${result.sort}` : ''}; --limit N shows more.`)
    }
    return { rows: result.rows }
  }
}

/** Varying parameters get a column each when there are few; otherwise one column lists each row's own. */
function compareTable(rows: CompareRow[], parameters: string[], metrics: string[], precision: number, fullIds = false): Promise<string> {
  const wide = parameters.length <= 4
  const value = (r: CompareRow, k: string) => (k in r.parameters ? String(r.parameters[k]) : '-')
  // Short ids: the experiment and the run name, which 'padre run get <name>' accepts.
  const ids: Array<string | number>[] = rows.map((r) => (fullIds ? [r.run] : [r.experiment, r.run.slice(r.run.lastIndexOf(':') + 1)]))
  return table([...(fullIds ? ['run id'] : ['experiment', 'run']), 'point', ...(wide ? parameters : ['parameters']), ...metrics], rows.map((r, i) => [
    ...ids[i], r.point,
    ...(wide ? parameters.map((k) => value(r, k)) : [parameters.filter((k) => k in r.parameters).map((k) => `${k}=${value(r, k)}`).join(' ')]),
    ...metrics.map((m) => fmtMetric(r.mean[m], precision)),
  ]))
}
