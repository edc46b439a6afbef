import { PadreCommand } from '../../cli/base-command.js'
import { limitFlag } from '../../cli/flags.js'
import { table } from '../../cli/render.js'
import { listDatasets, type DatasetSummary } from '../../core/services/datasets.js'

export default class DatasetList extends PadreCommand {
  static override description = 'List datasets: the built-in ones and those loaded'
  static override examples = ['<%= config.bin %> dataset list', '<%= config.bin %> dataset list --json']
  static override flags = { limit: limitFlag }

  async run(): Promise<DatasetSummary[]> {
    const { flags } = await this.parse(DatasetList)
    const datasets = (await listDatasets(await this.app(flags.config))).slice(0, flags.limit)
    await this.show(() => table(['dataset', 'task', 'rows', 'features', 'target', 'hash', 'source'], datasets.map((d) => [
      d.name, d.task, d.rows, d.featureNames.length, d.target, d.hash.slice(0, 12), d.builtin ? 'built-in' : d.source])))
    return datasets
  }
}
