import { AlreadyExistsError, InvalidInputError, notFound } from '../errors.js'
import { checkName } from '../model/names.js'
import { SCHEMA_VERSION, type ProjectRecord } from '../model/types.js'
import type { App } from './app.js'

export async function createProject(app: App, name: string, description?: string): Promise<ProjectRecord> {
  checkName('project', name)
  if (await app.store.project(name)) throw new AlreadyExistsError(`Project '${name}' already exists. Pick another name, or use it: 'padre project get ${name}'.`)
  const project: ProjectRecord = { schemaVersion: SCHEMA_VERSION, id: name, name, ...(description ? { description } : {}), createdAt: new Date().toISOString() }
  await app.bus.emit('project:created', { root: app.root, project })
  return project
}

export async function getProject(app: App, name: string | undefined): Promise<ProjectRecord> {
  if (!name) throw new InvalidInputError('No project given: pass --project <name> (or select one in the shell).')
  checkName('project', name)
  const project = await app.store.project(name)
  if (!project) throw notFound('Project', name, await app.store.projectNames(), 'padre project list')
  return project
}

export async function ensureProject(app: App, name: string): Promise<{ project: ProjectRecord; created: boolean }> {
  checkName('project', name)
  const existing = await app.store.project(name)
  if (existing) return { project: existing, created: false }
  // Another process may create it at the same moment: the record on disk is the one that counts.
  try {
    const project = await createProject(app, name)
    return { project: (await app.store.project(name)) ?? project, created: true }
  } catch (error) {
    const raced = error instanceof AlreadyExistsError ? await app.store.project(name) : undefined
    if (!raced) throw error
    return { project: raced, created: false }
  }
}

export interface ProjectSummary extends ProjectRecord {
  experiments: string[]
}

export async function listProjects(app: App): Promise<ProjectSummary[]> {
  const names = await app.store.projectNames()
  const projects = await Promise.all(names.map(async (name) => {
    const project = await app.store.project(name)
    return project ? { ...project, experiments: await app.store.experimentNames(name) } : undefined
  }))
  return projects.filter((p): p is ProjectSummary => p !== undefined)
}
