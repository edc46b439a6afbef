import { Args } from '@oclif/core'
import { PadreCommand } from '../../../cli/base-command.js'
import { loadConfig, configPath } from '../../../core/config/load.js'
import { removeArtifactRemote, type ArtifactRemoteConfig } from '../../../core/services/artifact-remotes.js'

export default class ArtifactRemoteRemove extends PadreCommand {
  static override description = 'Remove an artifact remote from the config (the objects on it are left alone)'
  static override examples = ['<%= config.bin %> artifact remote remove backup', '<%= config.bin %> artifact remote remove origin --json']
  static override args = { name: Args.string({ description: 'remote name', required: true }) }

  async run(): Promise<ArtifactRemoteConfig> {
    const { args, flags } = await this.parse(ArtifactRemoteRemove)
    const config = await loadConfig(configPath(flags.config))
    const remote = await removeArtifactRemote(config, args.name)
    this.log(`Removed artifact remote '${remote.name}' (${remote.url}) from ${config.file}; nothing on the remote was touched.`)
    return remote
  }
}
