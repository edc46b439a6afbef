import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { renderAs } from '../../cli/export.js'
import { scopeFlags } from '../../cli/flags.js'
import { formatFlag } from '../../cli/query-flags.js'
import { fmt } from '../../cli/render.js'
import { rankModels, type RankResult } from '../../core/services/rank-models.js'

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean)

export default class MetricRank extends PadreCommand {
  static override description = 'Rank models across datasets: Friedman test and the Nemenyi critical difference (Demšar 2006)'
  static override examples = [
    "<%= config.bin %> metric rank -p Bench --experiments 'knn-{dataset},svc-{dataset},forest-{dataset}' --datasets iris,wine,digits",
    '<%= config.bin %> metric rank --experiments knn,svc --datasets iris,wine --metric f1_macro --json',
  ]
  static override flags = {
    project: scopeFlags.project,
    experiments: Flags.string({ description: "comma-separated experiment names (the models); '{dataset}' stands for each dataset's name", required: true }),
    datasets: Flags.string({ description: 'comma-separated dataset names', required: true }),
    metric: Flags.string({ char: 'm', description: 'metric to rank by', default: 'accuracy' }),
    alpha: Flags.string({ description: 'significance level of the critical difference', default: '0.05', options: ['0.05', '0.1'] }),
    format: formatFlag,
  }

  async run(): Promise<RankResult> {
    const { flags } = await this.parse(MetricRank)
    const r = await rankModels(await this.app(flags.config), this.scope(flags), list(flags.experiments), list(flags.datasets), flags.metric, Number(flags.alpha))
    await this.show(() => renderAs(flags.format, ['dataset', ...r.models], [
      ...r.datasets.map((d, i) => [d, ...r.scores[i].map((x) => fmt(x))]),
      ['mean rank', ...r.meanRanks.map((x) => fmt(x, 3))],
    ]))
    this.note(`Friedman chi-square = ${fmt(r.friedman.statistic, 4)} (df ${r.friedman.df}), p = ${fmt(r.friedman.pValue, 4)}; Nemenyi critical difference ${fmt(r.nemenyi.criticalDifference, 4)} at alpha ${r.nemenyi.alpha} (q = ${fmt(r.nemenyi.q, 4)}).`)
    this.note(r.significant.length ? `Significantly different: ${r.significant.map(([a, b]) => `${a} vs ${b}`).join('; ')}.` : 'No pair of models differs by more than the critical difference.')
    return r
  }
}
