import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { confirmOrYes } from '../../cli/confirm.js'
import { scopeFlags } from '../../cli/flags.js'
import { deleteExperiment, type Removed } from '../../core/services/remove.js'

export default class ExperimentDelete extends PadreCommand {
  static override description = 'Delete a experiment (soft: its repository leaves the project (one commit drops the submodule; history keeps it)); `experiment restore` brings it back'
  static override examples = ['<%= config.bin %> experiment delete Examples:iris-knn', '<%= config.bin %> experiment delete Examples:iris-knn --yes --json']
  static override args = { name: Args.string({ description: 'experiment id (<project>:<name>) or name with --project', required: true }) }
  static override flags = { project: scopeFlags.project, yes: Flags.boolean({ char: 'y', description: 'do not ask for confirmation' }) }

  async run(): Promise<Removed> {
    const { args, flags } = await this.parse(ExperimentDelete)
    const app = await this.app(flags.config)
    await confirmOrYes(flags.yes, this.argv, `Delete experiment '${args.name}'?`)
    const removed = await deleteExperiment(app, args.name, this.scope({ project: flags.project }))
    this.forgetActive(removed.id.split(':')[0], removed.id.split(':')[1])
    this.log(`Deleted experiment '${removed.id}'. Bring it back with: padre experiment restore ${removed.id}`)
    return removed
  }
}
