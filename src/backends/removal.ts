import { join } from 'node:path'
import type { EventBus } from '../core/events.js'
import { paths } from '../core/model/paths.js'
import { moveAside } from './file/trash.js'

const NAME = 'the removal backend'

/**
 * Soft deletes and restores. Datasets and projects move to root_dir/trash/ (a project's repository
 * keeps its whole history there); an experiment's repository moves into its project's .git and the
 * project commits the removed gitlink (git modules load only then).
 */
export function subscribeRemovals(bus: EventBus, author: { name: string; email: string }): void {
  bus.on('dataset:deleted', async ({ root, name }) => moveAside(paths.dataset(root, name), join(paths.trash(root, 'datasets'), name)), NAME)
  bus.on('dataset:restored', async ({ root, name }) => moveAside(join(paths.trash(root, 'datasets'), name), paths.dataset(root, name)), NAME)
  bus.on('project:deleted', async ({ root, name }) => moveAside(paths.project(root, name), join(paths.trash(root, 'projects'), name)), NAME)
  bus.on('project:restored', async ({ root, name }) => moveAside(join(paths.trash(root, 'projects'), name), paths.project(root, name)), NAME)
  const person = { name: author.name || 'padre', email: author.email || 'padre@localhost' }
  bus.on('experiment:deleted', async ({ root, project, name }) => (await import('./git/remove.js')).unlinkExperiment(root, project, name, person), NAME)
  bus.on('experiment:restored', async ({ root, project, name }) => (await import('./git/remove.js')).relinkExperiment(root, project, name, person), NAME)
}
