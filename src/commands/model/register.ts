import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { registerModel, type ModelVersionView } from '../../core/services/models.js'

export default class ModelRegister extends PadreCommand {
  static override description = "Register a computation's fitted pipeline (its model.json) as the next version of a named model; one commit in the project repository"
  static override examples = [
    '<%= config.bin %> model register <run id>:split-0-point-0 --name iris-knn',
    '<%= config.bin %> model register <run id>:split-2-point-0 --name iris-knn --alias production',
    '<%= config.bin %> model register split-0-point-0 --run <run id> --name iris-knn --json',
  ]
  static override args = { computation: Args.string({ description: 'computation id (<run id>:<name>), or name with --run', required: true }) }
  static override flags = {
    ...scopeFlags,
    name: Flags.string({ char: 'n', description: 'the model name (versions count 1, 2, … per name)', required: true }),
    alias: Flags.string({ description: 'also point this alias at the new version (e.g. production)' }),
  }

  async run(): Promise<ModelVersionView> {
    const { args, flags } = await this.parse(ModelRegister)
    const version = await registerModel(await this.app(flags.config), args.computation, { name: flags.name, alias: flags.alias }, this.scope(flags))
    this.log(`Registered model ${version.name} version ${version.version}${version.aliases.length ? ` (${version.aliases.join(', ')})` : ''} in project ${version.project}, from computation ${version.computation}`)
    return version
  }
}
