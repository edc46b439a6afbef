import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { offlineFlag } from '../../cli/offline-flag.js'
import { scopeFlags } from '../../cli/flags.js'
import type { RepoResult } from '../../backends/git/remote.js'
import { pushProject } from '../../core/services/remotes.js'

export default class ProjectPush extends PadreCommand {
  static override description = 'Push a project and all its experiment repositories (never forced; credentials from PADRE_GIT_USERNAME / PADRE_GIT_TOKEN)'
  static override examples = ['<%= config.bin %> project push --project Examples', '<%= config.bin %> project push -p Examples --remote backup --json']
  static override flags = { project: scopeFlags.project, remote: Flags.string({ char: 'r', description: 'remote name', default: 'origin' }), offline: offlineFlag }

  async run(): Promise<{ project: string; remote: string; repositories: RepoResult[] }> {
    const { flags } = await this.parse(ProjectPush)
    const project = this.scope(flags).project
    const app = await this.app(flags.config)
    const result = await pushProject(app, project, flags.remote, { offline: flags.offline })
    for (const r of result.repositories) this.log(`${r.status.padEnd(10)} ${r.repository} → ${r.url}`)
    return result
  }
}
