import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import type { CompareRow } from '../../core/services/compare-metrics.js'
import { formatFlag, queryFlags } from '../../cli/query-flags.js'
import type { RowStats } from '../../core/services/compare-stats.js'
import { compareMetricsView } from '../../cli/views/compare-metrics.js'

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
    wide: Flags.boolean({ description: 'full run ids in the table' }),
  }

  // bin/run.js answers the common forms without oclif (src/cli/fast-path.ts); both print compareMetricsView.
  async run(): Promise<{ rows: Array<CompareRow & { stats?: RowStats['summaries'] }> }> {
    const { flags } = await this.parse(MetricCompareMetrics)
    return compareMetricsView(await this.app(flags.config), this.scope(flags), flags, {
      json: this.jsonEnabled(), log: (m) => this.log(m), note: (m) => this.note(m), beforeOutput: () => this.noteShellScope(flags),
    })
  }
}
