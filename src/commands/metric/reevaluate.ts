import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmt, table } from '../../cli/render.js'
import { InvalidInputError } from '../../core/errors.js'
import type { ReevaluationRecord } from '../../core/model/types.js'
import { reevaluateRun } from '../../core/services/reevaluate.js'

export default class MetricReevaluate extends PadreCommand {
  static override description = "Recompute a run's metrics from its stored per-row results, without refitting; stored beside the old ones and committed"
  static override examples = [
    '<%= config.bin %> metric reevaluate --run 20261122T180112345Z-3fa2',
    '<%= config.bin %> metric reevaluate --run Examples:iris-svc:3fa2c1d4e5f6:20261122T180112345Z-3fa2 --metric log_loss --metric roc_auc',
    '<%= config.bin %> metric reevaluate --run 20261122T180112345Z-3fa2 --file my-experiment.ts --metric balanced_error --json',
  ]
  static override flags = {
    project: scopeFlags.project,
    experiment: scopeFlags.experiment,
    execution: scopeFlags.execution,
    run: scopeFlags.run,
    metric: Flags.string({ char: 'm', description: 'metric to recompute (repeatable; default: every built-in one that applies, plus the file\'s own)', multiple: true }),
    file: Flags.string({ char: 'f', description: 'definition file whose defineMetric metrics to use' }),
  }

  async run(): Promise<{ reevaluation: ReevaluationRecord }> {
    const { flags } = await this.parse(MetricReevaluate)
    const scope = this.scope(flags)
    if (!scope.run) throw new InvalidInputError("No run given: pass --run <run id> (see 'padre run list').")
    const { reevaluation } = await reevaluateRun(await this.app(flags.config), scope.run, { metrics: flags.metric, file: flags.file, scope })
    const change = (c: ReevaluationRecord['changes'][number]) =>
      c.old === null && c.new !== null ? 'new' : Object.is(c.old, c.new) ? 'unchanged' : 'changed'
    const multi = new Set(reevaluation.changes.map((c) => c.point)).size > 1
    await this.show(() => table([...(multi ? ['point'] : []), 'metric', 'old', 'new', ''], reevaluation.changes.map((c) =>
      [...(multi ? [c.point] : []), c.metric, fmt(c.old ?? undefined), fmt(c.new ?? undefined), change(c)])))
    this.note(`Stored as reevaluation ${reevaluation.name} of run ${reevaluation.run}, committed.`)
    return { reevaluation }
  }
}
