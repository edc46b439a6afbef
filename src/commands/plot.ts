import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../cli/base-command.js'
import { scopeFlags } from '../cli/flags.js'
import { queryFlags } from '../cli/query-flags.js'
import { PLOT_KINDS, plotSpec } from '../core/services/plot-data.js'

export default class Plot extends PadreCommand {
  static override description = 'Plot runs to SVG, PNG or a Vega-Lite spec: a metric against a grid parameter, per-split box plots, a confusion matrix, predicted vs true'
  static override strict = false
  static override examples = [
    '<%= config.bin %> plot metric -p Examples -e iris-grid --param knn.k --metric accuracy --out accuracy.png',
    '<%= config.bin %> plot folds <run A> <run B> --metric f1_macro --out folds.svg',
    '<%= config.bin %> plot confusion <run> --out confusion.png',
    '<%= config.bin %> plot predicted <regression run> --out predicted.vl.json',
  ]
  static override args = {
    kind: Args.string({ description: `what to plot: ${PLOT_KINDS.join(', ')}`, required: true }),
    runs: Args.string({ description: 'run ids (folds: one or more; confusion, predicted: one; metric: optional, to pick runs)' }),
  }
  static override flags = {
    project: scopeFlags.project,
    experiment: scopeFlags.experiment,
    out: Flags.string({ char: 'o', description: 'file to write: .svg, .png or .vl.json', required: true }),
    metric: Flags.string({ char: 'm', description: 'metric (default: accuracy or r2)' }),
    param: Flags.string({ description: 'metric: the grid parameter on the x axis, e.g. knn.k' }),
    point: Flags.integer({ description: 'grid point of the run (default 0)', min: 0 }),
    where: queryFlags.where,
    filter: queryFlags.filter,
  }

  async run(): Promise<{ file: string; format: string; bytes: number }> {
    const { args, argv, flags } = await this.parse(Plot)
    const { checkOut, writePlot } = await import('../backends/plot/render.js')
    checkOut(flags.out)
    const spec = await plotSpec(await this.app(flags.config), args.kind, { ...this.scope(flags), ...flags, runs: (argv as string[]).slice(1) })
    const written = await writePlot(spec, flags.out)
    this.log(`Wrote ${written.file} (${written.format}, ${written.bytes} bytes)`)
    return written
  }
}
