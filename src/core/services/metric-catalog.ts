import { BUILTIN_METRICS, definedMetrics, type MetricDefinition, type MetricNeed } from '../metrics/index.js'
import type { Task } from '../model/types.js'

export interface MetricRow {
  name: string
  task: Task
  higherIsBetter: boolean | null
  needs: MetricNeed[]
  binaryOnly: boolean
  origin: 'builtin' | 'definition'
  description: string
}

/** The built-in metrics (and a definition file's own defineMetric metrics), optionally of one task. */
export async function listMetrics(options: { task?: Task; file?: string } = {}): Promise<MetricRow[]> {
  const own = options.file ? await metricsOfFile(options.file) : []
  return [...BUILTIN_METRICS, ...own]
    .filter((m) => !options.task || m.task === options.task)
    .map((m) => ({ name: m.name, task: m.task, higherIsBetter: m.higherIsBetter, needs: m.needs, binaryOnly: m.binaryOnly === true, origin: m.origin, description: m.description }))
}

/** Loads a definition file (its checks included) for the metrics it defines. */
export async function metricsOfFile(file: string): Promise<MetricDefinition[]> {
  const { loadDefinitionFile } = await import('../definition/load-definition.js')
  return definedMetrics((await loadDefinitionFile(file)).definition.metrics)
}
