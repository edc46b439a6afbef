import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { columnsFlag, formatFlag, queryFlags } from '../../cli/query-flags.js'
import { runListView } from '../../cli/views/run-list.js'
import type { RunRecord } from '../../core/model/types.js'

export default class RunList extends PadreCommand {
  static override description = 'List runs, newest first; find them with --where or --filter'
  static override examples = [
    '<%= config.bin %> run list',
    '<%= config.bin %> run list --project Examples --experiment iris-svc --status failed --json',
    `<%= config.bin %> run list --filter 'metrics.accuracy > 0.9 and params.knn.k in (3, 5)' --sort accuracy --columns run,params.knn.k,metrics.accuracy`,
    `<%= config.bin %> run list --where '{"tags.paper": "yes"}' --format csv`,
  ]
  static override flags = {
    ...scopeFlags,
    status: Flags.string({ description: 'only runs with this status', options: ['running', 'finished', 'failed', 'cancelled', 'interrupted'] }),
    limit: Flags.integer({ char: 'l', description: 'show at most this many (default: 50 in the table, all with --json)', min: 1 }),
    ...queryFlags,
    sort: Flags.string({ char: 's', description: 'field to sort by, e.g. accuracy, params.knn.k, durationMs:asc (metrics best first, startedAt newest first)' }),
    columns: columnsFlag,
    format: formatFlag,
    precision: Flags.integer({ description: 'decimals of metric values', default: 4, min: 0, max: 12 }),
    wide: Flags.boolean({ description: 'full run ids in the table' }),
  }

  // bin/run.js answers the common forms without oclif (src/cli/fast-path.ts); both print runListView.
  async run(): Promise<RunRecord[]> {
    const { flags } = await this.parse(RunList)
    return runListView(await this.app(flags.config), this.scope(flags), flags, {
      json: this.jsonEnabled(), log: (m) => this.log(m), note: (m) => this.note(m), beforeOutput: () => this.noteShellScope(flags),
    })
  }
}
