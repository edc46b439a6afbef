import { PadreCommand } from '../../../cli/base-command.js'
import { table } from '../../../cli/render.js'
import { loadConfig, configPath } from '../../../core/config/load.js'
import { listArtifactRemotes, type ArtifactRemoteConfig } from '../../../core/services/artifact-remotes.js'

export default class ArtifactRemoteList extends PadreCommand {
  static override description = 'List the artifact remotes; the first is the default of push and pull'
  static override examples = ['<%= config.bin %> artifact remote list', '<%= config.bin %> artifact remote list --json']

  async run(): Promise<ArtifactRemoteConfig[]> {
    const { flags } = await this.parse(ArtifactRemoteList)
    const remotes = listArtifactRemotes(await loadConfig(configPath(flags.config)))
    await this.show(() => remotes.length
      ? table(['remote', 'url', 'endpoint', 'region'], remotes.map((r, i) => [`${r.name}${i === 0 ? ' (default)' : ''}`, r.url, r.endpoint ?? '', r.region ?? '']))
      : "No artifact remote: add one with 'padre artifact remote add origin <directory or s3://bucket/prefix>'.")
    return remotes
  }
}
