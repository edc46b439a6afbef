import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmt, fmtMs, fmtTime, table } from '../../cli/render.js'
import type { RunRecord } from '../../core/model/types.js'
import { listRuns } from '../../core/services/runs.js'

export default class RunList extends PadreCommand {
  static override description = 'List runs, newest first'
  static override examples = ['<%= config.bin %> run list', '<%= config.bin %> run list --project Examples --experiment iris-svc --status failed --json']
  static override flags = {
    ...scopeFlags,
    status: Flags.string({ description: 'only runs with this status', options: ['running', 'finished', 'failed', 'cancelled'] }),
    limit: Flags.integer({ description: 'show at most this many', min: 1 }),
  }

  async run(): Promise<RunRecord[]> {
    const { flags } = await this.parse(RunList)
    const runs = (await listRuns(await this.app(flags.config), { ...this.scope(flags), status: flags.status as RunRecord['status'] | undefined })).slice(0, flags.limit)
    if (runs.length === 0) this.log("No runs yet. Start one with 'padre experiment execute'.")
    else this.log(await table(['run id', 'status', 'started', 'duration', 'main metric'], runs.map((r) => [
      r.id, r.status, fmtTime(r.startedAt), fmtMs(r.durationMs), r.mainMetric ? `${r.mainMetric.name} ${fmt(r.mainMetric.value)}` : (r.error ?? '-')])))
    return runs
  }
}
