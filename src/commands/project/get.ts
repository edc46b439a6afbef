import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { fmtTime, table } from '../../cli/render.js'
import { listExperiments, type ExperimentSummary } from '../../core/services/experiments.js'
import { getProject } from '../../core/services/projects.js'
import type { ProjectRecord } from '../../core/model/types.js'

export default class ProjectGet extends PadreCommand {
  static override description = 'Show a project and its experiments'
  static override examples = ['<%= config.bin %> project get Examples', '<%= config.bin %> project get Examples --json']
  static override args = { name: Args.string({ description: 'project name (default: the active project)' }) }

  async run(): Promise<ProjectRecord & { experiments: ExperimentSummary[] }> {
    const { args, flags } = await this.parse(ProjectGet)
    const app = await this.app(flags.config)
    const project = await getProject(app, args.name ?? this.scope({}).project)
    const experiments = await listExperiments(app, { project: project.name })
    this.log(`Project ${project.name}${project.description ? `: ${project.description}` : ''} (created ${fmtTime(project.createdAt)})`)
    if (experiments.length) await this.show(() => table(['experiment', 'dataset', 'executions', 'created'], experiments.map((e) => [e.name, e.dataset, e.executions, fmtTime(e.createdAt)])))
    return { ...project, experiments }
  }
}
