import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { table } from '../../cli/render.js'
import { getDataset, type DatasetSummary } from '../../core/services/datasets.js'

export default class DatasetGet extends PadreCommand {
  static override description = 'Show a dataset: target, task, classes, features and content hash'
  static override examples = ['<%= config.bin %> dataset get iris', '<%= config.bin %> dataset get diabetes --json']
  static override args = { name: Args.string({ description: 'dataset name', required: true }) }

  async run(): Promise<DatasetSummary> {
    const { args, flags } = await this.parse(DatasetGet)
    const d = await getDataset(await this.app(flags.config), args.name)
    await this.show(() => table(['field', 'value'], [['name', d.name], ['task', d.task], ['rows', String(d.rows)], ['target', d.target],
      ['classes', d.classes.join(', ') || '-'], ['features', d.featureNames.join(', ')], ['hash', d.hash], ['source', d.builtin ? 'built-in' : d.source]]))
    return d
  }
}
