import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { limitFlag, scopeFlags } from '../../cli/flags.js'
import { table } from '../../cli/render.js'
import type { ModelPredictions } from '../../core/services/models-predict.js'

export default class ModelPredict extends PadreCommand {
  static override description = "Predict with a registered model, without refitting: its model.json is loaded from the artifact store (verified); one row per input row with the label and proba_<label> per class"
  static override examples = [
    '<%= config.bin %> model predict iris-knn --dataset iris',
    '<%= config.bin %> model predict iris-knn@production --dataset new-flowers.csv --out predictions.csv',
    '<%= config.bin %> model predict iris-knn@2 --dataset iris --json',
  ]
  static override args = { model: Args.string({ description: 'model name, name@alias or name@version (optionally <project>:name…)', required: true }) }
  static override flags = {
    project: scopeFlags.project,
    dataset: Flags.string({ char: 'd', description: "a dataset name ('padre dataset list') or a CSV file whose columns are the model's features", required: true }),
    out: Flags.string({ char: 'o', description: 'write the predictions to this CSV file (row, predicted, proba_<label>…)' }),
    limit: limitFlag,
  }

  async run(): Promise<ModelPredictions> {
    const { args, flags } = await this.parse(ModelPredict)
    const { predictWithModel } = await import('../../core/services/models-predict.js')
    const result = await predictWithModel(await this.app(flags.config), args.model, { dataset: flags.dataset, out: flags.out }, this.scope(flags))
    const { model, classes, rows } = result
    this.note(`Model ${model.name} version ${model.version} on ${result.source}: ${rows.length} rows`)
    if (result.out) this.log(`Wrote ${rows.length} predictions to ${result.out}`)
    else await this.show(() => table(['row', 'predicted', ...(classes && rows[0]?.probabilities ? classes.map((c) => `proba_${c}`) : [])],
      rows.slice(0, flags.limit).map((r) => [r.row, r.predicted, ...(r.probabilities ?? []).map((p) => p.toFixed(4))])))
    return result
  }
}
