import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { renderAs } from '../../cli/export.js'
import { scopeFlags } from '../../cli/flags.js'
import { formatFlag, queryFlags, splitColumns } from '../../cli/query-flags.js'
import { fmtTime, table } from '../../cli/render.js'
import { InvalidInputError, closeMatches } from '../../core/errors.js'
import type { ExperimentSummary } from '../../core/services/experiments.js'
import { EXPERIMENT_FIELDS, queryExperiments } from '../../core/services/query-experiments.js'

export default class ExperimentList extends PadreCommand {
  static override description = 'List experiments (of one project with --project); --where/--filter keep those with a matching run'
  static override examples = [
    '<%= config.bin %> experiment list',
    '<%= config.bin %> experiment list --project Examples --json',
    `<%= config.bin %> experiment list --filter 'metrics.accuracy > 0.95' --sort createdAt:desc --format md`,
  ]
  static override flags = {
    project: scopeFlags.project,
    ...queryFlags,
    sort: Flags.string({ char: 's', description: `field to sort by (${EXPERIMENT_FIELDS.join(', ')}), optionally :desc` }),
    limit: Flags.integer({ char: 'l', description: 'show at most this many', min: 1 }),
    columns: Flags.string({ description: `comma-separated fields to show (${EXPERIMENT_FIELDS.join(', ')})` }),
    format: formatFlag,
  }

  async run(): Promise<ExperimentSummary[]> {
    const { flags } = await this.parse(ExperimentList)
    const columns = splitColumns(flags.columns)
    for (const c of columns ?? []) {
      if (!(EXPERIMENT_FIELDS as readonly string[]).includes(c)) throw new InvalidInputError(`Unknown column '${c}': use ${EXPERIMENT_FIELDS.join(', ')}.`, closeMatches(c, EXPERIMENT_FIELDS))
    }
    const experiments = await queryExperiments(await this.app(flags.config), this.scope({ project: flags.project }), flags)
    if (experiments.length === 0 && flags.format === 'table') this.log(flags.where || flags.filter ? 'No experiment has a run that matches the query.' : "No experiments yet. Run one with 'padre experiment execute'.")
    else if (columns || flags.format !== 'table') {
      const head = columns ?? ['id', 'dataset', 'executions', 'createdAt']
      await this.show(() => renderAs(flags.format, head, experiments.map((e) => head.map((h) => (e as unknown as Record<string, string | number | undefined>)[h]))))
    } else await this.show(() => table(['id', 'dataset', 'executions', 'created'], experiments.map((e) => [e.id, e.dataset, e.executions, fmtTime(e.createdAt)])))
    return experiments
  }
}
