import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { RepositoryGc } from '../../core/services/gc.js'
import { packRepository } from './pack-repo.js'
import { isRepo } from './repo.js'

/** name: 'Project' for the project repository, 'Project:experiment' for an experiment's. */
export type RepoGc = RepositoryGc

/**
 * `padre project gc`: pack every experiment repository, then the project repository, each under its
 * own lock, combining each one's packs into one.
 */
export async function gcProjectRepos(projectDir: string, project: string): Promise<RepoGc[]> {
  const results: RepoGc[] = []
  let experiments: string[] = []
  try {
    experiments = readdirSync(join(projectDir, 'experiments')).sort()
  } catch { /* no experiments yet */ }
  for (const experiment of experiments) {
    const dir = join(projectDir, 'experiments', experiment)
    if (isRepo(dir)) results.push({ name: `${project}:${experiment}`, ...(await packRepository(dir, { maxPacks: 1, removeEmptyFolders: true })) })
  }
  if (isRepo(projectDir)) results.push({ name: project, ...(await packRepository(projectDir, { maxPacks: 1, removeEmptyFolders: true })) })
  return results
}
