import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { offlineFlag } from '../../cli/offline-flag.js'
import { scopeFlags } from '../../cli/flags.js'
import type { RepoResult } from '../../backends/git/remote.js'
import { pullProject } from '../../core/services/remotes.js'

export default class ProjectPull extends PadreCommand {
  static override description = 'Fetch a project and its experiments and fast-forward them (never merges or resets; clones new experiments)'
  static override examples = ['<%= config.bin %> project pull --project Examples', '<%= config.bin %> project pull -p Examples --remote backup --json']
  static override flags = { project: scopeFlags.project, remote: Flags.string({ char: 'r', description: 'remote name', default: 'origin' }), offline: offlineFlag }

  async run(): Promise<{ project: string; remote: string; repositories: RepoResult[] }> {
    const { flags } = await this.parse(ProjectPull)
    const project = this.scope(flags).project
    const app = await this.app(flags.config)
    const result = await pullProject(app, project, flags.remote, { offline: flags.offline })
    for (const r of result.repositories) this.log(`${r.status.padEnd(14)} ${r.repository} ← ${r.url}`)
    return result
  }
}
