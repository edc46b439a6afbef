import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { renderAs } from '../../cli/export.js'
import { scopeFlags } from '../../cli/flags.js'
import { columnsFlag, formatFlag, queryFlags, splitColumns } from '../../cli/query-flags.js'
import { fmtMetric, fmtMs, fmtTime, table } from '../../cli/render.js'
import type { RunRecord } from '../../core/model/types.js'
import { fieldValue } from '../../core/query/documents.js'
import { queryRuns } from '../../core/services/query-runs.js'

const TABLE_ROWS = 50

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
    wide: Flags.boolean({ char: 'w', description: 'full run ids in the table' }),
  }

  async run(): Promise<RunRecord[]> {
    const { flags } = await this.parse(RunList)
    const columns = splitColumns(flags.columns)
    const limit = flags.limit ?? (this.jsonEnabled() || flags.format !== 'table' ? undefined : TABLE_ROWS)
    const result = await queryRuns(await this.app(flags.config), {
      ...this.scope(flags), status: flags.status as RunRecord['status'] | undefined, deleted: flags.deleted,
      where: flags.where, filter: flags.filter, sort: flags.sort, columns, limit,
    })
    const runs = result.runs
    this.noteShellScope(flags)
    if (runs.length === 0 && flags.format === 'table') this.log(flags.where || flags.filter ? 'No runs match the query.' : "No runs yet. Start one with 'padre experiment execute'.")
    else if (result.columns) await this.show(() => renderAs(flags.format, result.columns!, result.documents.map((d) => result.columns!.map((c) => cellOf(fieldValue(d, c))))))
    else await this.show(() => (flags.format === 'table'
      ? table([...(flags.wide ? ['run id'] : ['experiment', 'run']), 'status', 'started', 'duration', 'main metric (best point)'], runs.map((r) => [
        ...(flags.wide ? [r.id] : [`${r.project}:${r.experiment}`, r.run]), r.status, fmtTime(r.startedAt), fmtMs(r.durationMs),
        r.mainMetric ? `${r.mainMetric.name} ${fmtMetric(r.mainMetric.value, flags.precision)}` : (r.error ?? '-')]))
      : renderAs(flags.format, ['run', 'status', 'startedAt', 'durationMs', 'mainMetric', 'value', 'error'], runs.map((r) => [
        r.id, r.status, r.startedAt, r.durationMs, r.mainMetric?.name, r.mainMetric?.value, r.error]))))
    if (runs.length < result.total) this.note(`Showing ${flags.sort ? 'the first' : 'the newest'} ${runs.length} of ${result.total} runs; --limit N shows more.`)
    return runs
  }
}

function cellOf(v: unknown): string | number | boolean | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(6))
  return typeof v === 'object' ? JSON.stringify(v) : (v as string | boolean)
}
