import { PadreCommand } from '../../cli/base-command.js'
import { limitFlag, scopeFlags } from '../../cli/flags.js'
import { fmtTime, table } from '../../cli/render.js'
import { listExperiments, type ExperimentSummary } from '../../core/services/experiments.js'

export default class ExperimentList extends PadreCommand {
  static override description = 'List experiments (of one project with --project)'
  static override examples = ['<%= config.bin %> experiment list', '<%= config.bin %> experiment list --project Examples --json']
  static override flags = { project: scopeFlags.project, limit: limitFlag }

  async run(): Promise<ExperimentSummary[]> {
    const { flags } = await this.parse(ExperimentList)
    const experiments = (await listExperiments(await this.app(flags.config), this.scope({ project: flags.project }))).slice(0, flags.limit)
    if (experiments.length === 0) this.log("No experiments yet. Run one with 'padre experiment execute'.")
    else await this.show(() => table(['id', 'dataset', 'executions', 'created'], experiments.map((e) => [e.id, e.dataset, e.executions, fmtTime(e.createdAt)])))
    return experiments
  }
}
