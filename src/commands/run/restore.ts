import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import type { RunRecord } from '../../core/model/types.js'
import { restoreRun } from '../../core/services/annotate-run.js'

export default class RunRestore extends PadreCommand {
  static override description = 'Bring back a soft-deleted run; one git commit'
  static override examples = ['<%= config.bin %> run restore <run id>']
  static override args = { run: Args.string({ description: 'run id (or run name)', required: true }) }
  static override flags = { project: scopeFlags.project }

  async run(): Promise<RunRecord> {
    const { args, flags } = await this.parse(RunRestore)
    const run = await restoreRun(await this.app(flags.config), args.run, this.scope(flags))
    this.log(`Run ${run.id} restored.`)
    return run
  }
}
