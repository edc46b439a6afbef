import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../../cli/base-command.js'
import { loadConfig, configPath } from '../../../core/config/load.js'
import { addArtifactRemote, type ArtifactRemoteConfig } from '../../../core/services/artifact-remotes.js'

export default class ArtifactRemoteAdd extends PadreCommand {
  static override description = 'Add a named artifact remote: a directory or s3://bucket/prefix (written to the config as [ARTIFACT REMOTE <name>]; credentials never are)'
  static override examples = [
    '<%= config.bin %> artifact remote add origin /mnt/share/padre-artifacts',
    '<%= config.bin %> artifact remote add s3 s3://team-bucket/padre',
    '<%= config.bin %> artifact remote add local-s3 s3://padre/artifacts --endpoint http://127.0.0.1:9000 --json',
  ]
  static override args = {
    name: Args.string({ description: 'remote name, e.g. origin', required: true }),
    url: Args.string({ description: 'a directory path or s3://bucket/prefix', required: true }),
  }
  static override flags = {
    endpoint: Flags.string({ description: 'S3-compatible server url (default: AWS_ENDPOINT_URL, else AWS)' }),
    region: Flags.string({ description: 'S3 region (default: AWS_REGION, else us-east-1)' }),
  }

  async run(): Promise<ArtifactRemoteConfig> {
    const { args, flags } = await this.parse(ArtifactRemoteAdd)
    const config = await loadConfig(configPath(flags.config))
    const remote = await addArtifactRemote(config, args.name, args.url, { endpoint: flags.endpoint, region: flags.region })
    this.log(`Added artifact remote '${remote.name}' (${remote.url}${remote.endpoint ? `, endpoint ${remote.endpoint}` : ''}) to ${config.file}.`)
    return remote
  }
}
