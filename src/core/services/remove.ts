import { BUILTIN_DATASETS } from '../data/builtin.js'
import { AlreadyExistsError, InvalidInputError, notFound } from '../errors.js'
import { checkName } from '../model/names.js'
import type { App } from './app.js'
import { getExperiment } from './experiments.js'
import { getProject } from './projects.js'
import type { Scope } from './scope.js'

export type Removable = 'project' | 'experiment' | 'dataset'

export interface Removed {
  kind: Removable
  /** project, project:experiment or dataset name */
  id: string
  action: 'deleted' | 'restored'
}

/** Soft delete: the files leave the working view; `restore` brings them back. */
export async function deleteDataset(app: App, name: string): Promise<Removed> {
  if (Object.hasOwn(BUILTIN_DATASETS, name)) throw new InvalidInputError(`'${name}' is a built-in dataset and cannot be deleted.`)
  checkName('dataset', name)
  if (!(await app.store.dataset(name))) throw notFound('Dataset', name, await app.store.datasetNames(), 'padre dataset list')
  await app.bus.emit('dataset:deleted', { root: app.root, name })
  return { kind: 'dataset', id: name, action: 'deleted' }
}

export async function restoreDataset(app: App, name: string): Promise<Removed> {
  checkName('dataset', name)
  if (await app.store.dataset(name)) throw new AlreadyExistsError(`Dataset '${name}' exists; delete it first or load the other one under another name.`)
  const deleted = await app.store.deletedDatasetNames()
  if (!deleted.includes(name)) throw notFound('Deleted dataset', name, deleted, 'padre dataset restore --help')
  await app.bus.emit('dataset:restored', { root: app.root, name })
  return { kind: 'dataset', id: name, action: 'restored' }
}

export async function deleteProject(app: App, name: string): Promise<Removed> {
  const project = await getProject(app, name)
  if ((await app.store.deletedProjectNames()).includes(project.name)) {
    throw new AlreadyExistsError(`A deleted project '${project.name}' is already kept aside; restore it ('padre project restore ${project.name}') or rename this one before deleting it.`)
  }
  await app.bus.emit('project:deleted', { root: app.root, name: project.name })
  return { kind: 'project', id: project.name, action: 'deleted' }
}

export async function restoreProject(app: App, name: string): Promise<Removed> {
  checkName('project', name)
  if (await app.store.project(name)) throw new AlreadyExistsError(`Project '${name}' exists; delete it first to restore the deleted one.`)
  const deleted = await app.store.deletedProjectNames()
  if (!deleted.includes(name)) throw notFound('Deleted project', name, deleted, 'padre project list')
  await app.bus.emit('project:restored', { root: app.root, name })
  return { kind: 'project', id: name, action: 'restored' }
}

export async function deleteExperiment(app: App, ref: string, scope: Scope): Promise<Removed> {
  const e = await getExperiment(app, ref, scope)
  if ((await app.store.deletedExperimentNames(e.project)).includes(e.name)) {
    throw new AlreadyExistsError(`A deleted experiment '${e.name}' is already kept aside in project '${e.project}'; restore it first ('padre experiment restore ${e.project}:${e.name}').`)
  }
  await app.bus.emit('experiment:deleted', { root: app.root, project: e.project, name: e.name })
  return { kind: 'experiment', id: e.id, action: 'deleted' }
}

export async function restoreExperiment(app: App, ref: string, scope: Scope): Promise<Removed> {
  const parts = ref.split(':')
  const project = parts.length === 2 ? parts[0] : scope.project
  const name = parts.at(-1)!
  if (parts.length > 2) throw new InvalidInputError(`'${ref}' is not an experiment id: expected <project>:<experiment>.`)
  const p = await getProject(app, project)
  checkName('experiment', name)
  if (await app.store.experiment(p.name, name)) throw new AlreadyExistsError(`Experiment '${p.name}:${name}' exists; delete it first to restore the deleted one.`)
  const deleted = await app.store.deletedExperimentNames(p.name)
  if (!deleted.includes(name)) throw notFound('Deleted experiment', `${p.name}:${name}`, deleted.map((d) => `${p.name}:${d}`), `padre experiment list --project ${p.name}`)
  await app.bus.emit('experiment:restored', { root: app.root, project: p.name, name })
  return { kind: 'experiment', id: `${p.name}:${name}`, action: 'restored' }
}
