import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import type { RunRecord } from '../../core/model/types.js'
import { deleteRun } from '../../core/services/annotate-run.js'

export default class RunDelete extends PadreCommand {
  static override description = 'Soft-delete a run: hidden from lists and compare unless --deleted; its files stay in git history. One git commit'
  static override examples = ['<%= config.bin %> run delete <run id>', '<%= config.bin %> run list --deleted']
  static override args = { run: Args.string({ description: 'run id (or run name)', required: true }) }
  static override flags = { project: scopeFlags.project }

  async run(): Promise<RunRecord> {
    const { args, flags } = await this.parse(RunDelete)
    const run = await deleteRun(await this.app(flags.config), args.run, this.scope(flags))
    this.log(`Run ${run.id} deleted (soft): 'padre run restore ${run.id}' brings it back.`)
    return run
  }
}
