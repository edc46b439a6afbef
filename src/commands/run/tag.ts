import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import type { RunRecord } from '../../core/model/types.js'
import { tagRun } from '../../core/services/annotate-run.js'

export default class RunTag extends PadreCommand {
  static override description = 'Tag a run with key=value pairs (key= removes a tag); one git commit'
  static override strict = false
  static override examples = [
    '<%= config.bin %> run tag <run id> paper=yes baseline=knn',
    "<%= config.bin %> run list --filter 'tags.paper = yes'",
    '<%= config.bin %> run tag <run id> baseline=',
  ]
  static override args = { run: Args.string({ description: 'run id (or run name)', required: true }) }
  static override flags = { project: scopeFlags.project }

  async run(): Promise<RunRecord> {
    const { args, argv, flags } = await this.parse(RunTag)
    const run = await tagRun(await this.app(flags.config), args.run, (argv as string[]).slice(1), this.scope(flags))
    this.log(`Run ${run.id} tags: ${Object.entries(run.tags ?? {}).map(([k, v]) => `${k}=${v}`).join(' ') || 'none'}`)
    return run
  }
}
