import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmtTime, table } from '../../cli/render.js'
import { InvalidInputError } from '../../core/errors.js'
import type { ExperimentRecord } from '../../core/model/types.js'
import { getExperiment } from '../../core/services/experiments.js'
import { listExecutions, type ExecutionSummary } from '../../core/services/executions.js'

export default class ExperimentGet extends PadreCommand {
  static override description = 'Show an experiment and its executions'
  static override examples = ['<%= config.bin %> experiment get Examples:iris-svc', '<%= config.bin %> experiment get iris-svc --project Examples --json']
  static override args = { experiment: Args.string({ description: 'experiment id (<project>:<name>) or name with --project' }) }
  static override flags = { project: scopeFlags.project }

  async run(): Promise<ExperimentRecord & { executions: ExecutionSummary[] }> {
    const { args, flags } = await this.parse(ExperimentGet)
    const app = await this.app(flags.config)
    const scope = this.scope({ project: flags.project })
    const ref = args.experiment ?? scope.experiment
    if (!ref) throw new InvalidInputError('No experiment given: pass <project>:<experiment> (or select one in the shell).')
    const experiment = await getExperiment(app, ref, scope)
    const executions = await listExecutions(app, { project: experiment.project, experiment: experiment.name })
    this.log(`Experiment ${experiment.id} on ${experiment.dataset} (created ${fmtTime(experiment.createdAt)})`)
    if (executions.length) await this.show(() => table(['execution', 'source', 'runs', 'created'], executions.map((x) => [x.version, x.source.kind === 'spec' ? 'flags' : x.source.file, x.runs, fmtTime(x.createdAt)])))
    return { ...experiment, executions }
  }
}
