import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { scopeFlags } from '../../cli/flags.js'
import { fmt, table } from '../../cli/render.js'
import { compareExecutionsFully, type ExecutionComparison } from '../../core/services/compare-executions.js'

export default class ExecutionCompare extends PadreCommand {
  static override description = 'Compare two executions: the settings and metrics that changed between their latest runs, and the source diff'
  static override examples = [
    '<%= config.bin %> execution compare 3fa2c1d4e5f6 9b8a7c6d5e4f',
    '<%= config.bin %> execution compare Examples:iris-svc:3fa2c1d4e5f6 Examples:iris-svc:9b8a7c6d5e4f --json',
    '<%= config.bin %> execution compare 3fa2c1d4e5f6 9b8a7c6d5e4f -p Examples -e iris-svc --precision 3',
  ]
  static override args = {
    a: Args.string({ description: 'first execution: full id, or its version (or a unique prefix)', required: true }),
    b: Args.string({ description: 'second execution: full id, or its version (or a unique prefix)', required: true }),
  }
  static override flags = {
    project: scopeFlags.project, experiment: scopeFlags.experiment,
    precision: Flags.integer({ description: 'decimals of metric values', default: 4, min: 0, max: 12 }),
  }

  async run(): Promise<Omit<ExecutionComparison, 'a' | 'b'> & { a: string; b: string }> {
    const { args, flags } = await this.parse(ExecutionCompare)
    const c = await compareExecutionsFully(await this.app(flags.config), args.a, args.b, this.scope(flags))
    await this.show(async () => {
      const out = [`A ${c.a.id}${c.runs.a ? ` (latest run ${c.runs.a})` : ' (no run)'}`, `B ${c.b.id}${c.runs.b ? ` (latest run ${c.runs.b})` : ' (no run)'}`]
      const v = (x: unknown) => (x === null || x === undefined ? '-' : String(x))
      out.push(c.parameters.length ? `Settings that changed:\n${await table(['setting', 'A', 'B'], c.parameters.map((p) => [p.name, v(p.a), v(p.b)]))}` : 'No setting changed.')
      out.push(c.metrics.length ? `Metrics that changed (best point of each run):\n${await table(['metric', 'A', 'B', 'B - A'], c.metrics.map((m) => [m.name, fmt(m.a ?? undefined, flags.precision), fmt(m.b ?? undefined, flags.precision), m.delta === null ? '-' : `${m.delta > 0 ? '+' : ''}${m.delta.toFixed(flags.precision)}`]))}` : 'No metric changed.')
      out.push(c.a.source.source === c.b.source.source ? 'The sources are identical.' : c.diff)
      return out.join('\n')
    })
    return { ...c, a: c.a.id, b: c.b.id }
  }
}
