import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { renderAs } from '../../cli/export.js'
import { scopeFlags } from '../../cli/flags.js'
import { formatFlag } from '../../cli/query-flags.js'
import { fmt } from '../../cli/render.js'
import { testRuns, type MetricTestResult } from '../../core/services/metric-test.js'

export default class MetricTest extends PadreCommand {
  static override description = "Is run A really better than run B? Paired tests over the same splits: Nadeau & Bengio's corrected resampled t-test and the Wilcoxon signed-rank test"
  static override examples = [
    '<%= config.bin %> metric test <run A> <run B>',
    '<%= config.bin %> metric test Examples:knn:spec-1a2b:20261130T101010Z-0a1b Examples:svc:spec-3c4d:20261130T101212Z-9f8e --metric accuracy',
    '<%= config.bin %> metric test A B --point-a 2 --json',
  ]
  static override args = {
    a: Args.string({ description: 'run A (full id, or run name)', required: true }),
    b: Args.string({ description: 'run B (full id, or run name)', required: true }),
  }
  static override flags = {
    project: scopeFlags.project,
    metric: Flags.string({ char: 'm', description: 'metric to test (repeatable; default: every metric both runs have)', multiple: true }),
    'point-a': Flags.integer({ description: 'grid point of run A (default 0)', min: 0 }),
    'point-b': Flags.integer({ description: 'grid point of run B (default 0)', min: 0 }),
    format: formatFlag,
  }

  async run(): Promise<MetricTestResult> {
    const { args, flags } = await this.parse(MetricTest)
    const result = await testRuns(await this.app(flags.config), args.a, args.b, { ...this.scope(flags), metrics: flags.metric, pointA: flags['point-a'], pointB: flags['point-b'] })
    await this.show(() => renderAs(flags.format, ['metric', 'mean A', 'mean B', 'A - B', 't (corrected)', 'p (t)', 'W', 'p (Wilcoxon)', "effect d_z"],
      result.rows.map((r) => [r.metric, fmt(r.meanA), fmt(r.meanB), fmt(r.difference), fmt(r.t, 3), fmtP(r.pT), r.w, `${fmtP(r.pW)}${r.wilcoxonMethod === 'approx' ? ' (normal approx.)' : ''}`, fmt(r.effectSize, 3)])))
    this.note(`${result.splits} paired splits; t-test corrected for overlapping training sets with n_test/n_train = ${fmt(result.nTest, 1)}/${fmt(result.nTrain, 1)}, ${result.splits - 1} df; two-sided p-values.`)
    return result
  }
}

const fmtP = (p: number) => (Number.isNaN(p) ? '-' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4))
