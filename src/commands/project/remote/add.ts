import { Args } from '@oclif/core'
import { PadreCommand } from '../../../cli/base-command.js'
import { scopeFlags } from '../../../cli/flags.js'
import { addProjectRemote } from '../../../core/services/remotes.js'

export default class ProjectRemoteAdd extends PadreCommand {
  static override description = "Add a git remote (http or https) to a project; each experiment gets <url>/experiments/<name>, as its relative submodule url resolves"
  static override examples = [
    '<%= config.bin %> project remote add origin https://git.example.com/team/Examples.git --project Examples',
    '<%= config.bin %> project remote add backup https://git.example.com/backup/Examples.git -p Examples --json',
  ]
  static override args = {
    name: Args.string({ description: 'remote name, e.g. origin', required: true }),
    url: Args.string({ description: 'http(s) url of the project repository', required: true }),
  }
  static override flags = { project: scopeFlags.project }

  async run(): Promise<{ project: string; remote: string; url: string; experiments: Array<{ name: string; url: string }> }> {
    const { args, flags } = await this.parse(ProjectRemoteAdd)
    const project = this.scope(flags).project
    const app = await this.app(flags.config)
    const result = await addProjectRemote(app, project, args.name, args.url)
    this.log(`Added remote '${result.remote}' (${result.url}) to project '${project}'.`)
    for (const e of result.experiments) this.log(`  experiment ${e.name}: ${e.url}`)
    return result
  }
}
