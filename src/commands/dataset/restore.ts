import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { restoreDataset, type Removed } from '../../core/services/remove.js'

export default class DatasetRestore extends PadreCommand {
  static override description = 'Bring back a deleted dataset'
  static override examples = ['<%= config.bin %> dataset restore wine', '<%= config.bin %> dataset restore wine --json']
  static override args = { name: Args.string({ description: 'dataset name', required: true }) }
  static override flags = {}

  async run(): Promise<Removed> {
    const { args, flags } = await this.parse(DatasetRestore)
    const removed = await restoreDataset(await this.app(flags.config), args.name)
    this.log(`Restored dataset '${removed.id}'.`)
    return removed
  }
}
