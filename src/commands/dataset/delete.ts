import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { confirmOrYes } from '../../cli/confirm.js'
import { deleteDataset, type Removed } from '../../core/services/remove.js'

export default class DatasetDelete extends PadreCommand {
  static override description = 'Delete a dataset (soft: its files move to root_dir/trash/datasets); `dataset restore` brings it back'
  static override examples = ['<%= config.bin %> dataset delete wine', '<%= config.bin %> dataset delete wine --yes --json']
  static override args = { name: Args.string({ description: 'dataset name', required: true }) }
  static override flags = { yes: Flags.boolean({ char: 'y', description: 'do not ask for confirmation' }) }

  async run(): Promise<Removed> {
    const { args, flags } = await this.parse(DatasetDelete)
    const app = await this.app(flags.config)
    await confirmOrYes(flags.yes, this.argv, `Delete dataset '${args.name}'?`)
    const removed = await deleteDataset(app, args.name)
    this.log(`Deleted dataset '${removed.id}'. Bring it back with: padre dataset restore ${removed.id}`)
    return removed
  }
}
