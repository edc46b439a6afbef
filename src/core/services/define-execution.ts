import type { ExecutionRecord, ExperimentDefinition, ExperimentRecord, ProjectRecord } from '../model/types.js'
import type { App } from './app.js'
import { ensureExperiment } from './experiments.js'
import { ensureProject } from './projects.js'
import { ensureExecution, prepareDefinition } from './prepare.js'

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
  const { points, splits, code } = await prepareDefinition(app, definition, options.file)
  const { project } = await ensureProject(app, definition.project)
  const { experiment } = await ensureExperiment(app, project.name, definition.name, definition.dataset, definition.description)
  const plan = { splits: splits.length, points: points.length }
  const { execution, created } = await ensureExecution(app, project.name, experiment.name, code, definition)
  if (!created) return { project, experiment, execution, created: false, plan }
  await app.bus.emit('execution:defined', { root: app.root, execution })
  return { project, experiment, execution, created: true, plan }
}
