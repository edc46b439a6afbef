import { PadreCommand } from '../../cli/base-command.js'
import { limitFlag, scopeFlags } from '../../cli/flags.js'
import { fmtTime, table } from '../../cli/render.js'
import { listExecutions, type ExecutionSummary } from '../../core/services/executions.js'

export default class ExecutionList extends PadreCommand {
  static override description = 'List executions: one per version of an experiment\'s source code'
  static override examples = ['<%= config.bin %> execution list --project Examples --experiment iris-svc', '<%= config.bin %> execution list --json']
  static override flags = { project: scopeFlags.project, experiment: scopeFlags.experiment, limit: limitFlag }

  async run(): Promise<ExecutionSummary[]> {
    const { flags } = await this.parse(ExecutionList)
    const executions = (await listExecutions(await this.app(flags.config), this.scope(flags))).slice(0, flags.limit)
    if (executions.length === 0) this.log('No executions yet.')
    else await this.show(() => table(['id', 'source', 'commit', 'dirty', 'runs', 'created'], executions.map((x) => [
      x.id, x.source.kind === 'spec' ? 'flags' : x.source.file, x.source.kind === 'git' ? x.source.commit.slice(0, 12) : '-',
      x.source.kind === 'git' ? String(x.source.dirty) : '-', x.runs, fmtTime(x.createdAt)])))
    return executions
  }
}
