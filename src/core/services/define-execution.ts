import { executionId } from '../model/ids.js'
import { SCHEMA_VERSION, type ExecutionRecord, type ExperimentDefinition, type ExperimentRecord, type ProjectRecord } from '../model/types.js'
import { expandGrid, resolvePipeline } from '../pipeline/resolve.js'
import { makeSplits } from '../splits/index.js'
import type { App } from './app.js'
import { codeVersionOf } from './code-version.js'
import { openDataset } from './datasets.js'
import { ensureExperiment } from './experiments.js'
import { ensureProject } from './projects.js'

export interface DefineResult {
  project: ProjectRecord
  experiment: ExperimentRecord
  execution: ExecutionRecord
  /** false when this code version was already recorded (nothing new is written). */
  created: boolean
  /** What an execute of this definition would compute: splits × grid points. */
  plan: { splits: number; points: number }
}

/**
 * Records the experiment and its execution (definition and source) without running it: checked exactly
 * as execute checks it, committed on its own. A later execute of the same unchanged file finds this
 * execution by its code version and adds its runs to it.
 */
export async function defineExecution(app: App, definition: ExperimentDefinition, options: { file?: string } = {}): Promise<DefineResult> {
  const dataset = await openDataset(app, definition.dataset)
  const steps = await resolvePipeline(definition.pipeline, dataset.record.task)
  const points = expandGrid(steps, definition.grid)
  const splits = makeSplits(definition.split, dataset.y, definition.seed)
  const code = await codeVersionOf(options.file, definition)

  const { project } = await ensureProject(app, definition.project)
  const { experiment } = await ensureExperiment(app, project.name, definition.name, definition.dataset, definition.description)
  const plan = { splits: splits.length, points: points.length }
  const existing = await app.store.execution(project.name, experiment.name, code.version)
  if (existing) return { project, experiment, execution: existing, created: false, plan }
  const execution: ExecutionRecord = {
    schemaVersion: SCHEMA_VERSION, id: executionId(project.name, experiment.name, code.version), project: project.name,
    experiment: experiment.name, version: code.version, createdAt: new Date().toISOString(), source: code.source, definition,
  }
  await app.bus.emit('execution:created', { root: app.root, execution })
  await app.bus.emit('execution:defined', { root: app.root, execution })
  return { project, experiment, execution, created: true, plan }
}
