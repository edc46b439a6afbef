import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmtTime, table } from '../../cli/render.js'
import { getModel, type ModelVersionView } from '../../core/services/models.js'

export default class ModelGet extends PadreCommand {
  static override description = 'Show one version of a registered model: the latest, or name@alias, or name@version'
  static override examples = ['<%= config.bin %> model get iris-knn', '<%= config.bin %> model get iris-knn@production', '<%= config.bin %> model get Examples:iris-knn@2 --json']
  static override args = { model: Args.string({ description: 'model name, name@alias or name@version (optionally <project>:name…)', required: true }) }
  static override flags = { project: scopeFlags.project }

  async run(): Promise<ModelVersionView> {
    const { args, flags } = await this.parse(ModelGet)
    const m = await getModel(await this.app(flags.config), args.model, this.scope(flags))
    await this.show(() => table(['field', 'value'], [
      ['model', `${m.project}:${m.name}`], ['version', m.version], ['aliases', m.aliases.join(', ') || '-'], ['computation', m.computation],
      ['dataset', `${m.dataset} (target ${m.target || '?'})`], ['task', m.task], ...(m.classes ? [['classes', m.classes.join(', ')]] : []),
      ['features', m.features.join(', ')], ['model.json', `${m.artifact.sha256} (${m.artifact.size} bytes)`], ['registered', fmtTime(m.createdAt)],
    ]))
    return m
  }
}
