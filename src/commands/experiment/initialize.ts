import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { openInEditor } from '../../cli/editor.js'
import { writeTemplate } from '../../core/definition/template.js'

export default class ExperimentInitialize extends PadreCommand {
  static override description = 'Write a commented experiment definition file to start from (and open $EDITOR when interactive)'
  static override examples = ['<%= config.bin %> experiment initialize --name iris-knn', '<%= config.bin %> experiment initialize --name churn-rf --project Churn --dataset churn --file experiments/churn-rf.ts']
  static override flags = {
    name: Flags.string({ char: 'n', description: 'experiment name', required: true }),
    project: Flags.string({ char: 'p', description: 'project name (default: the active project, else Examples)' }),
    dataset: Flags.string({ char: 'd', description: 'dataset name', default: 'iris' }),
    file: Flags.string({ char: 'f', description: 'where to write it (default: ./<name>.ts)' }),
    'no-editor': Flags.boolean({ description: 'do not open $EDITOR' }),
  }

  async run(): Promise<{ file: string }> {
    const { flags } = await this.parse(ExperimentInitialize)
    const file = await writeTemplate({ project: flags.project ?? this.scope({}).project ?? 'Examples', name: flags.name, dataset: flags.dataset, file: flags.file })
    this.log(`Wrote ${file}. Run it with: padre experiment execute --file ${file}`)
    if (!flags['no-editor'] && !this.jsonEnabled()) await openInEditor(file)
    return { file }
  }
}
