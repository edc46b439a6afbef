import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { limitFlag } from '../../cli/flags.js'
import { table } from '../../cli/render.js'
import { listArtifacts, type ArtifactEntry } from '../../core/services/artifacts.js'

export default class ArtifactList extends PadreCommand {
  static override description = 'List the artifacts the computation records reference, and whether each is in the local store or missing'
  static override examples = [
    '<%= config.bin %> artifact list',
    '<%= config.bin %> artifact list --project Examples --missing',
    '<%= config.bin %> artifact list --json',
  ]
  static override flags = {
    project: Flags.string({ char: 'p', description: 'only this project (default: every project)' }),
    missing: Flags.boolean({ description: "only those not in the local store ('padre artifact pull' fetches them)" }),
    limit: limitFlag,
  }

  async run(): Promise<ArtifactEntry[]> {
    const { flags } = await this.parse(ArtifactList)
    const project = this.scope(flags).project
    this.noteShellScope(flags)
    const all = await listArtifacts(await this.app(flags.config), { project })
    const shown = all.filter((a) => !flags.missing || !a.local).slice(0, flags.limit)
    await this.show(() => {
      const missing = all.filter((a) => !a.local).length
      const summary = `${all.length} artifact${all.length === 1 ? '' : 's'} referenced, ${all.length - missing} local, ${missing} missing${missing ? " ('padre artifact pull' fetches them)" : ''}.`
      return shown.length ? `${table(['computation', 'path', 'sha256', 'size', 'producer', 'where'], shown.map((a) => [
        a.computation, a.path, a.sha256.slice(0, 12), a.size, a.producer.slice(0, 12), a.local ? 'local' : 'missing']))}\n${summary}` : summary
    })
    return shown
  }
}
