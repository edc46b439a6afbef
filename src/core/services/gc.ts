import { BackendError } from '../errors.js'
import { paths } from '../model/paths.js'
import type { App } from './app.js'
import { getProject } from './projects.js'

export interface RepositoryGc {
  /** 'Project' for the project repository, 'Project:experiment' for an experiment's. */
  name: string
  /** The repository's work tree. */
  repository: string
  looseBefore: number
  /** Objects written into new packs (loose ones, plus packed ones when packs were combined). */
  packed: number
  looseAfter: number
  packsBefore: number
  packsAfter: number
  /** Disk use (allocated blocks) of `.git/objects`, before and after. */
  bytesBefore: number
  bytesAfter: number
}

export interface ProjectGc {
  project: string
  repositories: RepositoryGc[]
  bytesBefore: number
  bytesAfter: number
}

/** Pack the loose git objects of a project's repository and of each experiment repository. */
export async function gcProject(app: App, project: string | undefined): Promise<ProjectGc> {
  const { name } = await getProject(app, project)
  const { gcProjectRepos } = await app.loaders.packing()
  let repositories: RepositoryGc[]
  try {
    repositories = await gcProjectRepos(paths.project(app.root, name), name)
  } catch (error) {
    if (error instanceof BackendError) throw error
    throw new BackendError(`packing the repositories of project '${name}' failed: ${(error as Error).message.split('\n')[0]}`, [
      'Every loose object is kept until its pack is complete, so nothing was lost; free space or fix the cause and rerun padre project gc.',
    ])
  }
  const sum = (key: 'bytesBefore' | 'bytesAfter') => repositories.reduce((s, r) => s + r[key], 0)
  return { project: name, repositories, bytesBefore: sum('bytesBefore'), bytesAfter: sum('bytesAfter') }
}
