import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { confirmOrYes } from '../../cli/confirm.js'
import { deleteProject, type Removed } from '../../core/services/remove.js'

export default class ProjectDelete extends PadreCommand {
  static override description = 'Delete a project (soft: its repository moves to root_dir/trash/projects (history kept)); `project restore` brings it back'
  static override examples = ['<%= config.bin %> project delete Wnie', '<%= config.bin %> project delete Wnie --yes --json']
  static override args = { name: Args.string({ description: 'project name', required: true }) }
  static override flags = { yes: Flags.boolean({ char: 'y', description: 'do not ask for confirmation' }) }

  async run(): Promise<Removed> {
    const { args, flags } = await this.parse(ProjectDelete)
    const app = await this.app(flags.config)
    await confirmOrYes(flags.yes, this.argv, `Delete project '${args.name}'?`)
    const removed = await deleteProject(app, args.name)
    this.forgetActive(removed.id)
    this.log(`Deleted project '${removed.id}'. Bring it back with: padre project restore ${removed.id}`)
    return removed
  }
}
