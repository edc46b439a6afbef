import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmtMetric, fmtMs, fmtTime, table } from '../../cli/render.js'
import type { RunRecord } from '../../core/model/types.js'
import { listRuns } from '../../core/services/runs.js'

const TABLE_ROWS = 50

export default class RunList extends PadreCommand {
  static override description = 'List runs, newest first'
  static override examples = ['<%= config.bin %> run list', '<%= config.bin %> run list --project Examples --experiment iris-svc --status failed --json']
  static override flags = {
    ...scopeFlags,
    status: Flags.string({ description: 'only runs with this status', options: ['running', 'finished', 'failed', 'cancelled', 'interrupted'] }),
    limit: Flags.integer({ char: 'l', description: 'show at most this many (default: 50 in the table, all with --json)', min: 1 }),
    precision: Flags.integer({ description: 'decimals of metric values', default: 4, min: 0, max: 12 }),
    wide: Flags.boolean({ char: 'w', description: 'full run ids in the table' }),
  }

  async run(): Promise<RunRecord[]> {
    const { flags } = await this.parse(RunList)
    const all = await listRuns(await this.app(flags.config), { ...this.scope(flags), status: flags.status as RunRecord['status'] | undefined })
    const runs = all.slice(0, flags.limit ?? (this.jsonEnabled() ? all.length : TABLE_ROWS))
    this.noteShellScope(flags)
    if (runs.length === 0) this.log("No runs yet. Start one with 'padre experiment execute'.")
    else await this.show(() => table([...(flags.wide ? ['run id'] : ['experiment', 'run']), 'status', 'started', 'duration', 'main metric (best point)'], runs.map((r) => [
      ...(flags.wide ? [r.id] : [`${r.project}:${r.experiment}`, r.run]), r.status, fmtTime(r.startedAt), fmtMs(r.durationMs),
      r.mainMetric ? `${r.mainMetric.name} ${fmtMetric(r.mainMetric.value, flags.precision)}` : (r.error ?? '-')])))
    if (runs.length < all.length) this.note(`Showing the newest ${runs.length} of ${all.length} runs; --limit N shows more.`)
    return runs
  }
}
