import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { table } from '../../cli/render.js'
import { listMetrics, type MetricRow } from '../../core/services/metric-catalog.js'

export default class MetricList extends PadreCommand {
  static override description = 'List the metrics a run can compute: name, task, whether higher is better, what it needs'
  static override examples = [
    '<%= config.bin %> metric list',
    '<%= config.bin %> metric list --task regression',
    '<%= config.bin %> metric list --file my-experiment.ts --json',
  ]
  static override flags = {
    task: Flags.string({ char: 't', description: 'only the metrics of this task', options: ['classification', 'regression'] }),
    file: Flags.string({ char: 'f', description: "a definition file: include its own defineMetric metrics" }),
  }

  async run(): Promise<{ metrics: MetricRow[] }> {
    const { flags } = await this.parse(MetricList)
    const metrics = await listMetrics({ task: flags.task as MetricRow['task'] | undefined, file: flags.file })
    const direction = (m: MetricRow) => (m.higherIsBetter === null ? 'neither' : m.higherIsBetter ? 'yes' : 'no')
    await this.show(() => table(['name', 'task', 'higher is better', 'needs', 'origin', 'description'],
      metrics.map((m) => [m.name, m.task + (m.binaryOnly ? ' (2 classes)' : ''), direction(m), m.needs.join(', '), m.origin, m.description])))
    return { metrics }
  }
}
