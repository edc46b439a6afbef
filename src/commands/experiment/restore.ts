import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { restoreExperiment, type Removed } from '../../core/services/remove.js'

export default class ExperimentRestore extends PadreCommand {
  static override description = 'Bring back a deleted experiment'
  static override examples = ['<%= config.bin %> experiment restore Examples:iris-knn', '<%= config.bin %> experiment restore Examples:iris-knn --json']
  static override args = { name: Args.string({ description: 'experiment id (<project>:<name>) or name with --project', required: true }) }
  static override flags = { project: scopeFlags.project }

  async run(): Promise<Removed> {
    const { args, flags } = await this.parse(ExperimentRestore)
    const removed = await restoreExperiment(await this.app(flags.config), args.name, this.scope({ project: flags.project }))
    this.log(`Restored experiment '${removed.id}'.`)
    return removed
  }
}
