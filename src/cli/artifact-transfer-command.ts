import { Flags } from '@oclif/core'
import { PadreCommand } from './base-command.js'
import { offlineFlag } from './offline-flag.js'
import type { TransferSummary } from '../core/services/artifacts.js'
import { progressLine } from './transfer-progress.js'

type Direction = 'push' | 'pull'

/** `artifact push` and `artifact pull`: the same flags, one service call each way, one summary line. */
export abstract class ArtifactTransferCommand extends PadreCommand {
  static override flags = {
    remote: Flags.string({ char: 'r', description: 'artifact remote name (default: the only or first one configured)' }),
    project: Flags.string({ char: 'p', description: 'only this project (default: every project)' }),
    offline: offlineFlag,
  }

  protected abstract readonly direction: Direction

  async run(): Promise<TransferSummary> {
    const { flags } = await this.parse(this.constructor as typeof ArtifactTransferCommand)
    const app = await this.app(flags.config)
    this.noteShellScope(flags)
    const { pushArtifacts, pullArtifacts } = await import('../core/services/artifacts.js')
    const transfer = this.direction === 'push' ? pushArtifacts : pullArtifacts
    const done = this.direction === 'push' ? 'pushed' : 'pulled'
    const options = { remote: flags.remote, project: this.scope(flags).project, offline: flags.offline }
    const result = await transfer(app, options, progressLine(done, (m) => this.note(m)))
    const count = `${result.transferred} artifact${result.transferred === 1 ? '' : 's'} (${result.bytes} bytes)`
    this.log(this.direction === 'push'
      ? `Pushed ${count} to '${result.remote}' (${result.url}); ${result.present} already there.`
      : `Pulled ${count} from '${result.remote}' (${result.url}); ${result.present} already local.`)
    return result
  }
}
