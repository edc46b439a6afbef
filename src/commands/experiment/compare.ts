import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { table } from '../../cli/render.js'
import { compareExperiments, type ExperimentComparison } from '../../core/services/compare-experiments.js'

export default class ExperimentCompare extends PadreCommand {
  static override description = 'Show how two experiments differ: metadata, pipeline and parameters (of their latest executions)'
  static override examples = ['<%= config.bin %> experiment compare Examples:iris-knn Examples:iris-svc', '<%= config.bin %> experiment compare iris-knn iris-svc --project Examples --json']
  static override args = {
    a: Args.string({ description: 'first experiment', required: true }),
    b: Args.string({ description: 'second experiment', required: true }),
  }
  static override flags = { project: scopeFlags.project }

  async run(): Promise<ExperimentComparison> {
    const { args, flags } = await this.parse(ExperimentCompare)
    const result = await compareExperiments(await this.app(flags.config), args.a, args.b, this.scope({ project: flags.project }))
    for (const [title, rows] of [['metadata', result.metadata], ['pipeline', result.pipeline], ['parameters', result.parameters]] as const) {
      this.log(rows.length ? `${title}:\n${await table(['', result.a, result.b], rows.map((r) => [r.field, r.a, r.b]))}` : `${title}: the same`)
    }
    return result
  }
}
