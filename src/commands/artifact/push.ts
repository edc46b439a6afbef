import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { offlineFlag } from '../../cli/offline-flag.js'
import { pushArtifacts, type TransferSummary } from '../../core/services/artifacts.js'
import { progressLine } from '../../cli/transfer-progress.js'

export default class ArtifactPush extends PadreCommand {
  static override description = 'Copy the artifacts the records reference to a remote (a directory or s3://bucket/prefix); an object already there is never replaced'
  static override examples = [
    '<%= config.bin %> artifact push',
    '<%= config.bin %> artifact push --remote backup --project Examples',
    'AWS_PROFILE=team <%= config.bin %> artifact push --remote s3 --json',
  ]
  static override flags = {
    remote: Flags.string({ char: 'r', description: 'artifact remote name (default: the only or first one configured)' }),
    project: Flags.string({ char: 'p', description: 'only this project (default: every project)' }),
    offline: offlineFlag,
  }

  async run(): Promise<TransferSummary> {
    const { flags } = await this.parse(ArtifactPush)
    const app = await this.app(flags.config)
    this.noteShellScope(flags)
    const result = await pushArtifacts(app, { remote: flags.remote, project: this.scope(flags).project, offline: flags.offline }, progressLine('pushed', (m) => this.note(m)))
    this.log(`Pushed ${result.transferred} artifact${result.transferred === 1 ? '' : 's'} (${result.bytes} bytes) to '${result.remote}' (${result.url}); ${result.present} already there.`)
    return result
  }
}
