import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { compareExecutions } from '../../core/services/executions.js'

export default class ExecutionCompare extends PadreCommand {
  static override description = 'Show the source diff between two executions'
  static override examples = ['<%= config.bin %> execution compare Examples:iris-svc:3fa2c1d4e5f6 Examples:iris-svc:9b8a7c6d5e4f', '<%= config.bin %> execution compare 3fa2c1d4e5f6 9b8a7c6d5e4f -p Examples -e iris-svc']
  static override args = {
    a: Args.string({ description: 'first execution', required: true }),
    b: Args.string({ description: 'second execution', required: true }),
  }
  static override flags = { project: scopeFlags.project, experiment: scopeFlags.experiment }

  async run(): Promise<{ a: string; b: string; diff: string }> {
    const { args, flags } = await this.parse(ExecutionCompare)
    const { a, b, diff } = await compareExecutions(await this.app(flags.config), args.a, args.b, this.scope(flags))
    this.log(a.source.source === b.source.source ? 'The sources are identical.' : diff)
    return { a: a.id, b: b.id, diff }
  }
}
