import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import type { RunRecord } from '../../core/model/types.js'
import { noteRun } from '../../core/services/annotate-run.js'

export default class RunNote extends PadreCommand {
  static override description = 'Add a note to a run (kept with its time in run.json); one git commit'
  static override examples = ['<%= config.bin %> run note <run id> "baseline for the paper, table 2"']
  static override args = {
    run: Args.string({ description: 'run id (or run name)', required: true }),
    text: Args.string({ description: 'the note', required: true }),
  }
  static override flags = { project: scopeFlags.project }

  async run(): Promise<RunRecord> {
    const { args, flags } = await this.parse(RunNote)
    const run = await noteRun(await this.app(flags.config), args.run, args.text, this.scope(flags))
    this.log(`Run ${run.id}: ${run.notes?.length ?? 0} note(s).`)
    return run
  }
}
