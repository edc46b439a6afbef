import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { table } from '../../cli/render.js'
import { describePipeline, describeSplit } from '../../core/definition/describe.js'
import type { DefineResult } from '../../core/services/define-execution.js'

export default class ExperimentCreate extends PadreCommand {
  static override description = 'Record an experiment and its execution (definition and source) from a definition file, without running it; a later execute of the same file adds its runs to that execution'
  static override examples = [
    '<%= config.bin %> experiment create --file examples/iris-svc.ts',
    '<%= config.bin %> experiment create --file my-exp.ts --json',
  ]
  static override flags = {
    file: Flags.string({ char: 'f', description: 'definition file (.ts, .js, .mjs) exporting defineExperiment({...})', required: true }),
  }

  async run(): Promise<DefineResult> {
    const { flags } = await this.parse(ExperimentCreate)
    const app = await this.app(flags.config)
    const { loadDefinitionFile } = await import('../../core/definition/load-definition.js')
    const { defineExecution } = await import('../../core/services/define-execution.js')
    const { file, definition } = await loadDefinitionFile(flags.file)
    const result = await defineExecution(app, definition, { file })
    const x = result.execution
    this.log(result.created ? `Recorded execution ${x.id} (no run yet)` : `Execution ${x.id} is already recorded; nothing changed`)
    await this.show(() => table(['field', 'value'], [
      ['pipeline', describePipeline(x.definition.pipeline)], ['dataset', x.definition.dataset], ['split', describeSplit(x.definition.split)],
      ['computations per run', `${result.plan.splits} split${result.plan.splits === 1 ? '' : 's'} × ${result.plan.points} point${result.plan.points === 1 ? '' : 's'}`],
      ['next', `padre experiment execute --file ${flags.file}`],
    ]))
    return result
  }
}
