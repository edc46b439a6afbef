import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { openInEditor } from '../../cli/editor.js'
import { writeTemplate } from '../../core/definition/template.js'
import { initializeDefaults } from '../../core/services/initialize-defaults.js'

export default class ExperimentInitialize extends PadreCommand {
  static override description = 'Write a commented experiment definition file to start from (and open $EDITOR when interactive)'
  static override examples = ['<%= config.bin %> experiment initialize --name iris-knn', '<%= config.bin %> experiment initialize --name churn-rf --project Churn --dataset churn --file experiments/churn-rf.ts']
  static override flags = {
    name: Flags.string({ char: 'n', description: 'experiment name', required: true }),
    project: Flags.string({ char: 'p', description: 'project name (default: the active project, else the only project, else Examples)' }),
    dataset: Flags.string({ char: 'd', description: 'dataset name (default: the most recently loaded dataset, else iris)' }),
    file: Flags.string({ char: 'f', description: 'where to write it (default: ./<name>.ts)' }),
    'no-editor': Flags.boolean({ description: 'do not open $EDITOR' }),
  }

  async run(): Promise<{ file: string; project: string; dataset: string; estimator: string }> {
    const { flags } = await this.parse(ExperimentInitialize)
    const defaults = await initializeDefaults(await this.app(flags.config), { project: flags.project, activeProject: this.scope({}).project, dataset: flags.dataset })
    const file = await writeTemplate({ project: defaults.project, name: flags.name, dataset: defaults.dataset, estimator: defaults.estimator, file: flags.file })
    this.log(`Wrote ${file} with ${defaults.reasons.join(', ')}. Run it with: padre experiment execute --file ${file}`)
    if (!flags['no-editor'] && !this.jsonEnabled()) await openInEditor(file)
    return { file, project: defaults.project, dataset: defaults.dataset, estimator: defaults.estimator.name }
  }
}
