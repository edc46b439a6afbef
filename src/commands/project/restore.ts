import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { restoreProject, type Removed } from '../../core/services/remove.js'

export default class ProjectRestore extends PadreCommand {
  static override description = 'Bring back a deleted project'
  static override examples = ['<%= config.bin %> project restore Wnie', '<%= config.bin %> project restore Wnie --json']
  static override args = { name: Args.string({ description: 'project name', required: true }) }
  static override flags = {}

  async run(): Promise<Removed> {
    const { args, flags } = await this.parse(ProjectRestore)
    const removed = await restoreProject(await this.app(flags.config), args.name)
    this.log(`Restored project '${removed.id}'.`)
    return removed
  }
}
