import { Args, Flags } from '@oclif/core'
import { describePipeline, describeSplit } from '../../core/definition/describe.js'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { renderRunMetrics } from '../../cli/render-metrics.js'
import { fmtMs, fmtTime, table } from '../../cli/render.js'
import { InvalidInputError } from '../../core/errors.js'
import type { RunMetrics, RunRecord } from '../../core/model/types.js'
import { getRun } from '../../core/services/runs.js'

export default class RunGet extends PadreCommand {
  static override description = 'Show a run: status, times, parameters, environment, metrics and the commit that recorded it'
  static override examples = ['<%= config.bin %> run get Examples:iris-svc:3fa2c1d4e5f6:20261122T180112345Z-3fa2', '<%= config.bin %> run get 20261122T180112345Z-3fa2 --json']
  static override args = { run: Args.string({ description: 'run id, or run name within the scope' }) }
  static override flags = {
    project: scopeFlags.project, experiment: scopeFlags.experiment, execution: scopeFlags.execution,
    precision: Flags.integer({ description: 'decimals of metric values', default: 4, min: 0, max: 12 }),
  }

  async run(): Promise<{ run: RunRecord; metrics?: RunMetrics; computations: string[]; commit?: string; recordCommit?: string; sourceCommit?: string }> {
    const { args, flags } = await this.parse(RunGet)
    const scope = this.scope(flags)
    const ref = args.run ?? scope.run
    if (!ref) throw new InvalidInputError("No run given: pass a run id (see 'padre run list').")
    const app = await this.app(flags.config)
    const found = await getRun(app, ref, scope)
    const { findRunCommit } = await import('../../backends/git/run-commit.js')
    const commit = await findRunCommit(app.root, found.run)
    const r = found.run
    const { getExecution } = await import('../../core/services/executions.js')
    const source = (await getExecution(app, `${r.project}:${r.experiment}:${r.execution}`)).source
    const sourceCommit = source.kind === 'git' ? source.commit : undefined
    const sourceText = source.kind === 'git' ? `${source.commit.slice(0, 12)}${source.dirty ? ' + uncommitted changes' : ''} (${source.file})` : source.kind === 'file' ? `none: ${source.file} is not in a git repository` : 'none: defined with flags'
    const env = r.environment
    await this.show(() => table(['field', 'value'], [
      ['id', r.id], ['status', r.status], ['started', fmtTime(r.startedAt)], ['duration', fmtMs(r.durationMs)],
      ['dataset', `${r.dataset} (${env.datasetHash.slice(0, 12)})`], ['pipeline', describePipeline(r.pipeline)],
      ['split', describeSplit(r.split)], ['seed', String(r.seed)], ['computations', String(found.computations.length)],
      ['environment', `node ${env.node}, ${env.os} ${env.arch}, ${env.cpus} × ${env.cpuModel}, padre ${env.padre}`],
      ['source commit', sourceText], ['record commit', commit ? `${commit.slice(0, 12)} (padre's commit of this run in the experiment repository)` : 'not committed'], ...(r.error ? [['error', r.error]] : []),
    ]))
    await this.show(() => renderRunMetrics(found.metrics, { precision: flags.precision, best: r.mainMetric }))
    return { ...found, ...(commit ? { commit, recordCommit: commit } : {}), ...(sourceCommit ? { sourceCommit } : {}) }
  }
}
