import { PadreCommand } from '../../cli/base-command.js'
import { limitFlag, scopeFlags } from '../../cli/flags.js'
import { fmtTime, table } from '../../cli/render.js'
import { listModels, type ModelSummary } from '../../core/services/models.js'

export default class ModelList extends PadreCommand {
  static override description = 'List registered models: versions, aliases, the latest version and its computation'
  static override examples = ['<%= config.bin %> model list', '<%= config.bin %> model list -p Examples --json']
  static override flags = { project: scopeFlags.project, limit: limitFlag }

  async run(): Promise<ModelSummary[]> {
    const { flags } = await this.parse(ModelList)
    const models = (await listModels(await this.app(flags.config), this.scope(flags))).slice(0, flags.limit)
    await this.show(() => table(['project', 'model', 'versions', 'aliases', 'latest', 'task', 'registered', 'computation'], models.map((m) => [
      m.project, m.name, m.versions, Object.entries(m.aliases).map(([a, v]) => `${a}=${v}`).join(' ') || '-', m.latest.version, m.latest.task, fmtTime(m.latest.createdAt), m.latest.computation])))
    return models
  }
}
