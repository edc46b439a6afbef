import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { offlineFlag } from '../../cli/offline-flag.js'
import { pullArtifacts, type TransferSummary } from '../../core/services/artifacts.js'
import { progressLine } from '../../cli/transfer-progress.js'

export default class ArtifactPull extends PadreCommand {
  static override description = 'Fetch the artifacts the records reference that the local store lacks, checking each hash (a corrupted remote object is reported and not used)'
  static override examples = [
    '<%= config.bin %> artifact pull',
    '<%= config.bin %> artifact pull --remote backup --project Examples',
    'AWS_PROFILE=team <%= config.bin %> artifact pull --remote s3 --json',
  ]
  static override flags = {
    remote: Flags.string({ char: 'r', description: 'artifact remote name (default: the only or first one configured)' }),
    project: Flags.string({ char: 'p', description: 'only this project (default: every project)' }),
    offline: offlineFlag,
  }

  async run(): Promise<TransferSummary> {
    const { flags } = await this.parse(ArtifactPull)
    const app = await this.app(flags.config)
    this.noteShellScope(flags)
    const result = await pullArtifacts(app, { remote: flags.remote, project: this.scope(flags).project, offline: flags.offline }, progressLine('pulled', (m) => this.note(m)))
    this.log(`Pulled ${result.transferred} artifact${result.transferred === 1 ? '' : 's'} (${result.bytes} bytes) from '${result.remote}' (${result.url}); ${result.present} already local.`)
    return result
  }
}
