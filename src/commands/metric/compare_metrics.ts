import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmt, table } from '../../cli/render.js'
import { compareMetrics, type CompareRow } from '../../core/services/compare-metrics.js'

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
    limit: Flags.integer({ char: 'l', description: 'show at most this many rows', min: 1 }),
  }

  async run(): Promise<{ rows: CompareRow[] }> {
    const { flags } = await this.parse(MetricCompareMetrics)
    const result = await compareMetrics(await this.app(flags.config), { ...this.scope(flags), sort: flags.sort, ascending: flags.ascending, limit: flags.limit })
    const preferred = ['accuracy', 'f1_macro', 'precision_macro', 'recall_macro', 'r2', 'rmse', 'mae']
    const shown = flags.metric ?? result.metrics.filter((m) => preferred.includes(m))
    if (result.rows.length === 0) this.log('No finished runs to compare.')
    else this.log(await table(['run', 'point', ...result.parameters, ...shown], result.rows.map((r) => [
      r.run, r.point, ...result.parameters.map((k) => String(r.parameters[k])), ...shown.map((m) => fmt(r.mean[m]))])))
    return { rows: result.rows }
  }
}
