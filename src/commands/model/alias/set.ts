import { Args } from '@oclif/core'
import { PadreCommand } from '../../../cli/base-command.js'
import { scopeFlags } from '../../../cli/flags.js'
import { setModelAlias } from '../../../core/services/models.js'

export default class ModelAliasSet extends PadreCommand {
  static override description = 'Point an alias (production, staging, …) of a registered model at one of its versions; one commit in the project repository'
  static override examples = ['<%= config.bin %> model alias set iris-knn production 2', '<%= config.bin %> model alias set iris-knn staging 3 -p Examples --json']
  static override args = {
    model: Args.string({ description: 'model name', required: true }),
    alias: Args.string({ description: 'the alias (letters, digits, - _ .; not digits only)', required: true }),
    version: Args.integer({ description: 'the version it points at', required: true }),
  }
  static override flags = { project: scopeFlags.project }

  async run(): Promise<Awaited<ReturnType<typeof setModelAlias>>> {
    const { args, flags } = await this.parse(ModelAliasSet)
    const set = await setModelAlias(await this.app(flags.config), args.model, args.alias, args.version, this.scope(flags))
    this.log(set.previous === set.version ? `${set.name}@${set.alias} is already version ${set.version}`
      : `${set.name}@${set.alias} -> version ${set.version}${set.previous !== undefined ? ` (was ${set.previous})` : ''}`)
    return set
  }
}
