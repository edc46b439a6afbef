import { Args, Flags } from '@oclif/core'
import { describePipeline, describeSplit } from '../../core/definition/describe.js'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmtTime, table } from '../../cli/render.js'
import { InvalidInputError } from '../../core/errors.js'
import { getExecution, type ExecutionSummary } from '../../core/services/executions.js'

export default class ExecutionGet extends PadreCommand {
  static override description = 'Show an execution: its source reference and definition'
  static override examples = ['<%= config.bin %> execution get Examples:iris-svc:3fa2c1d4e5f6', '<%= config.bin %> execution get 3fa2c1d4e5f6 -p Examples -e iris-svc --json']
  static override args = { execution: Args.string({ description: 'execution id, or version with --project/--experiment' }) }
  static override flags = { project: scopeFlags.project, experiment: scopeFlags.experiment, source: Flags.boolean({ description: 'print the recorded source' }) }

  async run(): Promise<ExecutionSummary> {
    const { args, flags } = await this.parse(ExecutionGet)
    const scope = this.scope(flags)
    const ref = args.execution ?? scope.execution
    if (!ref) throw new InvalidInputError('No execution given: pass an execution id (see \'padre execution list\').')
    const x = await getExecution(await this.app(flags.config), ref, scope)
    const s = x.source
    const rows: Array<[string, string]> = [['id', x.id], ['created', fmtTime(x.createdAt)], ['runs', String(x.runs)], ['source', s.kind]]
    if (s.kind === 'git') rows.push(['file', s.file], ['repository', s.repo], ['commit', s.commit], ['dirty', String(s.dirty)])
    if (s.kind === 'file') rows.push(['file', s.file], ['note', s.note])
    rows.push(['dataset', x.definition.dataset], ['pipeline', describePipeline(x.definition.pipeline)], ['split', describeSplit(x.definition.split)], ['seed', String(x.definition.seed)])
    await this.show(() => table(['field', 'value'], rows))
    if (flags.source) this.log(s.source)
    return x
  }
}
