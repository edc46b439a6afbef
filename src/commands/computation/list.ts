import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { limitFlag, scopeFlags } from '../../cli/flags.js'
import { fmt, fmtMs, fmtParams, table } from '../../cli/render.js'
import { InvalidInputError } from '../../core/errors.js'
import { MAIN_METRIC } from '../../core/metrics/index.js'
import { listComputations, type ComputationSummary } from '../../core/services/computations.js'

export default class ComputationList extends PadreCommand {
  static override description = 'List the computations of a run: one per split and grid point'
  static override examples = ['<%= config.bin %> computation list Examples:iris-svc:3fa2c1d4e5f6:20261122T180112345Z-3fa2', '<%= config.bin %> computation list --run 20261122T180112345Z-3fa2 --json']
  static override args = { run: Args.string({ description: 'run id (default: --run or the active run)' }) }
  static override flags = { ...scopeFlags, limit: limitFlag }

  async run(): Promise<ComputationSummary[]> {
    const { args, flags } = await this.parse(ComputationList)
    const scope = this.scope(flags)
    const ref = args.run ?? scope.run
    if (!ref) throw new InvalidInputError("No run given: pass a run id (see 'padre run list').")
    const computations = (await listComputations(await this.app(flags.config), ref, scope)).slice(0, flags.limit)
    const metric = computations[0]?.metrics?.values.accuracy !== undefined ? MAIN_METRIC.classification : MAIN_METRIC.regression
    await this.show(() => table(['computation', 'split', 'point', 'train', 'test', 'fit', metric, 'parameters'], computations.map((c) => [
      c.id.slice(c.id.lastIndexOf(':') + 1), c.split, c.point, c.trainSize, c.testSize, fmtMs(c.timings.fitMs), fmt(c.metrics?.values[metric]), fmtParams(c.parameters)])))
    return computations
  }
}
