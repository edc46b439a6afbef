import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import type { DatasetRecord, Task } from '../../core/model/types.js'
import { loadDataset } from '../../core/services/datasets.js'

export default class DatasetLoad extends PadreCommand {
  static override description = 'Load a CSV file (header row, numeric features) as a dataset, stored once by content hash'
  static override examples = ['<%= config.bin %> dataset load --file wine.csv --target quality', '<%= config.bin %> dataset load --file houses.csv --target price --name houses --json']
  static override flags = {
    file: Flags.string({ char: 'f', description: 'CSV file', required: true }),
    target: Flags.string({ char: 't', description: 'the target column', required: true }),
    name: Flags.string({ char: 'n', description: 'dataset name (default: the file name)' }),
    task: Flags.string({ description: 'force the task (default: numeric target → regression, else classification)', options: ['classification', 'regression'] }),
  }

  async run(): Promise<DatasetRecord & { stored: boolean }> {
    const { flags } = await this.parse(DatasetLoad)
    const { dataset, stored } = await loadDataset(await this.app(flags.config), { file: flags.file, target: flags.target, name: flags.name, task: flags.task as Task | undefined })
    this.log(`${stored ? 'Stored' : 'Already stored'} dataset '${dataset.name}': ${dataset.rows} rows, ${dataset.featureNames.length} features, ${dataset.task}${dataset.classes.length ? ` (${dataset.classes.length} classes)` : ''}, hash ${dataset.hash.slice(0, 12)}.`)
    return { ...dataset, stored }
  }
}
