import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmt, fmtMs, fmtParams, table } from '../../cli/render.js'
import { getComputation } from '../../core/services/computations.js'

export default class ComputationGet extends PadreCommand {
  static override description = 'Show one computation: parameters, timings, metrics, confusion matrix and per-row results'
  static override examples = ['<%= config.bin %> computation get <run id>:split-0-point-0', '<%= config.bin %> computation get split-0-point-0 --run <run id> --rows 10 --json']
  static override args = { computation: Args.string({ description: 'computation id (<run id>:<name>), or name with --run', required: true }) }
  static override flags = { ...scopeFlags, rows: Flags.integer({ description: 'how many result rows to print', default: 10, min: 0 }) }

  async run(): Promise<Awaited<ReturnType<typeof getComputation>>> {
    const { args, flags } = await this.parse(ComputationGet)
    const found = await getComputation(await this.app(flags.config), args.computation, this.scope(flags))
    const { computation: c, metrics, results } = found
    await this.show(() => table(['field', 'value'], [['id', c.id], ['split', String(c.split)], ['point', String(c.point)], ['train / test rows', `${c.trainSize} / ${c.testSize}`],
      ['fit', fmtMs(c.timings.fitMs)], ['predict', fmtMs(c.timings.predictMs)], ['parameters', fmtParams(c.parameters)],
      ['artifacts', [...(c.artifacts ?? []).map((a) => `${a.path} ${a.sha256.slice(0, 12)} (${a.size} bytes)`), ...(c.modelNote ? [c.modelNote] : [])].join('\n') || '-']]))
    if (metrics) await this.show(() => table(['metric', 'value'], Object.entries(metrics.values).map(([k, v]) => [k, fmt(v)])))
    if (metrics?.confusionMatrix && metrics.classes) this.log(`confusion matrix (rows: truth, columns: predicted)\n${await table(['', ...metrics.classes], metrics.confusionMatrix.map((r, i) => [metrics.classes![i], ...r]))}`)
    if (results && flags.rows > 0) await this.show(() => table(['row', 'truth', 'predicted', 'probabilities'], results.rows.slice(0, flags.rows).map((r) => [r.index, r.truth, r.predicted, r.probabilities?.map((p) => p.toFixed(3)).join(' ') ?? '-'])))
    return found
  }
}
