import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { offlineFlag } from '../../cli/offline-flag.js'
import type { RepoResult } from '../../backends/git/remote.js'
import { cloneProject } from '../../core/services/remotes.js'

export default class ProjectClone extends PadreCommand {
  static override description = 'Clone a project and all its experiment repositories over http(s) into root_dir/projects/<name>'
  static override examples = [
    '<%= config.bin %> project clone https://git.example.com/team/Examples.git',
    '<%= config.bin %> project clone https://git.example.com/team/Examples.git Examples2 --json',
  ]
  static override args = {
    url: Args.string({ description: 'http(s) url of the project repository', required: true }),
    name: Args.string({ description: 'local project name (default: the last part of the url)' }),
  }

  static override flags = { offline: offlineFlag }

  async run(): Promise<{ project: string; dir: string; repositories: RepoResult[] }> {
    const { args, flags } = await this.parse(ProjectClone)
    const app = await this.app(flags.config)
    const result = await cloneProject(app, args.url, args.name, { offline: flags.offline })
    this.log(`Cloned project '${result.project}' into ${result.dir}:`)
    for (const r of result.repositories) this.log(`  ${r.repository} ← ${r.url}`)
    return result
  }
}
