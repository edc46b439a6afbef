import type { Dataset } from '../data/dataset.js'
import { selectMetrics, type MetricSelection } from '../metrics/select.js'
import { executionId } from '../model/ids.js'
import { SCHEMA_VERSION, type ExecutionRecord, type ExperimentDefinition } from '../model/types.js'
import { checkAgainstData } from '../pipeline/check-data.js'
import { expandGrid, resolvePipeline, type GridPoint, type ResolvedStep } from '../pipeline/resolve.js'
import type { Split } from '../splits/index.js'
import { makeSplits } from '../splits/index.js'
import type { App } from './app.js'
import { codeVersionOf, type CodeVersion } from './code-version.js'
import { openDataset } from './datasets.js'

export interface Prepared {
  dataset: Dataset
  steps: ResolvedStep[]
  points: GridPoint[]
  splits: Split[]
  selection: MetricSelection
  code: CodeVersion
}

/** Everything that can be known before a run, checked before anything is stored: execute and experiment create alike. */
export async function prepareDefinition(app: App, definition: ExperimentDefinition, file?: string): Promise<Prepared> {
  const dataset = await openDataset(app, definition.dataset)
  const task = dataset.record.task
  const steps = await resolvePipeline(definition.pipeline, task)
  const points = expandGrid(steps, definition.grid)
  const splits = makeSplits(definition.split, dataset.y, definition.seed)
  const selection = selectMetrics(definition.metrics, task, dataset.record.classes, `dataset '${definition.dataset}'`)
  const code = await codeVersionOf(file, definition, app.loaders)
  checkAgainstData(steps, points, splits, { nFeatures: dataset.record.featureNames.length, nClasses: dataset.record.classes.length, task })
  return { dataset, steps, points, splits, selection, code }
}

/** The execution of this code version: the recorded one, or a new one announced on the bus. */
export async function ensureExecution(app: App, project: string, experiment: string, code: CodeVersion, definition: ExperimentDefinition): Promise<{ execution: ExecutionRecord; created: boolean }> {
  const existing = await app.store.execution(project, experiment, code.version)
  if (existing) return { execution: existing, created: false }
  const execution: ExecutionRecord = {
    schemaVersion: SCHEMA_VERSION, id: executionId(project, experiment, code.version), project,
    experiment, version: code.version, createdAt: new Date().toISOString(), source: code.source, definition,
  }
  await app.bus.emit('execution:created', { root: app.root, execution })
  return { execution, created: true }
}
