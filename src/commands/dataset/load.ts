import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import type { DatasetRecord, Task } from '../../core/model/types.js'
import { loadDataset } from '../../core/services/datasets.js'

export default class DatasetLoad extends PadreCommand {
  static override description = `Load a CSV file (header row, numeric features) as a dataset, stored once by content hash.
The task: a non-numeric target is classification; a numeric one is classification when all its values are integers with at most 20 distinct values and at most one per 5 rows (labels 0/1/2), else regression. --task forces it.`
  static override examples = [
    '<%= config.bin %> dataset load --file wine.csv --target class',
    '<%= config.bin %> dataset load --file wine.csv --target class --task regression --force',
    '<%= config.bin %> dataset load --file houses.csv --target price --name houses --json',
  ]
  static override flags = {
    file: Flags.string({ char: 'f', description: 'CSV file', required: true }),
    target: Flags.string({ char: 't', description: 'the target column', required: true }),
    name: Flags.string({ char: 'n', description: 'dataset name (default: the file name)' }),
    task: Flags.string({ description: 'force the task (default: detected from the target, see above)', options: ['classification', 'regression'] }),
    force: Flags.boolean({ description: 'replace a stored dataset of the same name (the old one can be restored with dataset restore)' }),
  }

  async run(): Promise<DatasetRecord & { stored: boolean; taskReason: string; replaced?: boolean }> {
    const { flags } = await this.parse(DatasetLoad)
    const { dataset, stored, taskReason, replaced } = await loadDataset(await this.app(flags.config), { file: flags.file, target: flags.target, name: flags.name, task: flags.task as Task | undefined, force: flags.force })
    this.log(`${replaced ? 'Replaced' : stored ? 'Stored' : 'Already stored'} dataset '${dataset.name}': ${dataset.rows} rows, ${dataset.featureNames.length} features, ${dataset.task}${dataset.classes.length ? ` (${dataset.classes.length} classes)` : ''}, hash ${dataset.hash.slice(0, 12)}.`)
    const other = dataset.task === 'classification' ? 'regression' : 'classification'
    if (!flags.task) this.log(`Task ${dataset.task}: ${taskReason}. For ${other}, load again with --task ${other} --force.`)
    return { ...dataset, stored, taskReason, ...(replaced ? { replaced } : {}) }
  }
}
