import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { table } from '../../cli/render.js'
import { gcProject, type ProjectGc as GcResult } from '../../core/services/gc.js'

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`
}

export default class ProjectGcCommand extends PadreCommand {
  static override description = 'Pack the loose git objects of a project repository and of every experiment repository into one pack each (no native git needed; history is kept whole)'
  static override examples = ['<%= config.bin %> project gc --project Examples', '<%= config.bin %> project gc -p Examples --json']
  static override flags = { project: scopeFlags.project }

  async run(): Promise<GcResult> {
    const { flags } = await this.parse(ProjectGcCommand)
    const app = await this.app(flags.config)
    const result = await gcProject(app, this.scope(flags).project)
    await this.show(() => table(['repository', 'loose before', 'objects packed', 'packs', 'disk before', 'disk after'],
      result.repositories.map((r) => [r.name, r.looseBefore, r.packed, r.packsAfter, size(r.bytesBefore), size(r.bytesAfter)])))
    this.log(`Packed ${result.repositories.length} repositories of ${result.project}: ${size(result.bytesBefore)} → ${size(result.bytesAfter)} of git objects.`)
    return result
  }
}
