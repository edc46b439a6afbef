import { PadreCommand } from '../../cli/base-command.js'
import { limitFlag } from '../../cli/flags.js'
import { fmtTime, table } from '../../cli/render.js'
import { listProjects, type ProjectSummary } from '../../core/services/projects.js'

export default class ProjectList extends PadreCommand {
  static override description = 'List projects'
  static override examples = ['<%= config.bin %> project list', '<%= config.bin %> project list --json']
  static override flags = { limit: limitFlag }

  async run(): Promise<ProjectSummary[]> {
    const { flags } = await this.parse(ProjectList)
    const projects = (await listProjects(await this.app(flags.config))).slice(0, flags.limit)
    if (projects.length === 0) this.log("No projects yet. Create one with 'padre project create <name>'.")
    else await this.show(() => table(['project', 'experiments', 'created', 'description'], projects.map((p) => [p.name, p.experiments.length, fmtTime(p.createdAt), p.description ?? ''])))
    return projects
  }
}
