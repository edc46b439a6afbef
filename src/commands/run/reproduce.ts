import { Args } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { table } from '../../cli/render.js'
import { InvalidInputError, PadreError } from '../../core/errors.js'
import type { ReproduceResult } from '../../core/services/reproduce.js'

class NotReproducedError extends PadreError {
  constructor(message: string) { super('NOT_REPRODUCED', message) }
}

export default class RunReproduce extends PadreCommand {
  static override description = 'Run a recorded run again from its record alone (stored definition, dataset by hash, seed, params) and check that every prediction and metric is bit-identical; exits 1 when anything differs'
  static override examples = [
    '<%= config.bin %> run reproduce Examples:iris-svc:3fa2c1d4e5f6:20261122T180112345Z-3fa2',
    '<%= config.bin %> run reproduce 20261122T180112345Z-3fa2 --json',
  ]
  static override args = { run: Args.string({ description: 'run id, or run name within the scope' }) }
  static override flags = { project: scopeFlags.project, experiment: scopeFlags.experiment, execution: scopeFlags.execution }

  async run(): Promise<ReproduceResult> {
    const { args, flags } = await this.parse(RunReproduce)
    const scope = this.scope(flags)
    const ref = args.run ?? scope.run
    if (!ref) throw new InvalidInputError("No run given: pass a run id (see 'padre run list').")
    const { reproduceRun } = await import('../../core/services/reproduce.js')
    const result = await reproduceRun(await this.app(flags.config), ref, scope)
    await this.show(() => table(['computation', 'bit-identical', 'differences'], result.computations.map((c) => [
      c.computation, c.identical ? 'yes' : 'NO', c.differences.length ? `${c.differences.slice(0, 3).join('; ')}${c.differences.length > 3 ? `; and ${c.differences.length - 3} more` : ''}` : '-',
    ])))
    const env = Object.entries(result.environment)
    if (env.length) this.note(`Environment then → now: ${env.map(([k, [a, b]]) => `${k} ${a} → ${b}`).join('; ')}`)
    if (!result.identical) {
      if (this.jsonEnabled()) {
        this.logJson(result)
        this.exit(1)
      }
      throw new NotReproducedError(`Run ${result.run} did not reproduce: ${result.computations.filter((c) => !c.identical).length} of ${result.computations.length} computations differ.`)
    }
    this.log(`Run ${result.run} reproduced: ${result.computations.length} computations bit-identical.`)
    return result
  }
}
