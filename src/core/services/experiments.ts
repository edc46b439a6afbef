import { notFound } from '../errors.js'
import { experimentId } from '../model/ids.js'
import { checkName } from '../model/names.js'
import { SCHEMA_VERSION, type ExperimentRecord } from '../model/types.js'
import type { App } from './app.js'
import { getProject } from './projects.js'
import { splitRef, type Scope } from './scope.js'

export async function getExperiment(app: App, ref: string, scope: Scope = {}): Promise<ExperimentRecord> {
  const [project, name] = splitRef(ref, 2, scope, 'experiment')
  await getProject(app, project)
  checkName('experiment', name)
  const experiment = await app.store.experiment(project, name)
  if (!experiment) throw notFound('Experiment', `${project}:${name}`, (await app.store.experimentNames(project)).map((e) => `${project}:${e}`), `padre experiment list --project ${project}`)
  return experiment
}

export async function ensureExperiment(app: App, project: string, name: string, dataset: string, description?: string): Promise<{ experiment: ExperimentRecord; created: boolean }> {
  checkName('experiment', name)
  const existing = await app.store.experiment(project, name)
  if (existing) return { experiment: existing, created: false }
  const experiment: ExperimentRecord = {
    schemaVersion: SCHEMA_VERSION, id: experimentId(project, name), project, name, dataset,
    ...(description ? { description } : {}), createdAt: new Date().toISOString(),
  }
  await app.bus.emit('experiment:created', { root: app.root, experiment })
  // Another process may have created it at the same moment: the record on disk is the one that counts.
  return { experiment: (await app.store.experiment(project, name)) ?? experiment, created: true }
}

export interface ExperimentSummary extends ExperimentRecord {
  executions: number
}

export async function listExperiments(app: App, scope: Scope = {}): Promise<ExperimentSummary[]> {
  const projects = scope.project ? [(await getProject(app, scope.project)).name] : await app.store.projectNames()
  const all = await Promise.all(projects.map(async (p) => Promise.all((await app.store.experimentNames(p)).map(async (e) => {
    const experiment = await app.store.experiment(p, e)
    return experiment ? { ...experiment, executions: (await app.store.executionVersions(p, e)).length } : undefined
  }))))
  return all.flat().filter((e): e is ExperimentSummary => e !== undefined)
}

/** [project, experiment] pairs in the scope, read from folder names only (no record, no counts). */
export async function experimentsInScope(app: App, scope: Scope = {}): Promise<Array<{ project: string; name: string }>> {
  if (scope.experiment) {
    const { project, name } = await getExperiment(app, scope.experiment, scope)
    return [{ project, name }]
  }
  const projects = scope.project ? [(await getProject(app, scope.project)).name] : await app.store.projectNames()
  return (await Promise.all(projects.map(async (project) => (await app.store.experimentNames(project)).map((name) => ({ project, name }))))).flat()
}
