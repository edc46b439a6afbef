import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import type { ProjectRecord } from '../../core/model/types.js'
import { createProject } from '../../core/services/projects.js'

export default class ProjectCreate extends PadreCommand {
  static override description = 'Create a project: a git repository under root_dir/projects/<name>'
  static override examples = ['<%= config.bin %> project create Examples', '<%= config.bin %> project create Churn --description "churn models" --json']
  static override args = { name: Args.string({ description: 'project name', required: true }) }
  static override flags = { description: Flags.string({ char: 'd', description: 'what the project is for' }) }

  async run(): Promise<ProjectRecord> {
    const { args, flags } = await this.parse(ProjectCreate)
    const project = await createProject(await this.app(flags.config), args.name, flags.description)
    this.log(`Created project '${project.name}'.`)
    return project
  }
}
