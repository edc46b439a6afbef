import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { paths } from '../../core/model/paths.js'
import { commitPaths } from './commit.js'
import type { Person } from './objects.js'
import { readHead } from './refs.js'
import { ensureGitmodules, ensureSubmoduleConfig, isRepo, writeFileAtomicSync } from './repo.js'

/**
 * Soft-deletes an experiment: its repository moves into the project's .git (padre-trash), and one
 * project commit drops the gitlink and its .gitmodules section. History keeps every earlier commit.
 */
export async function unlinkExperiment(root: string, project: string, name: string, author: Person): Promise<void> {
  const projectDir = paths.project(root, project)
  const trash = join(paths.experimentTrash(root, project), name)
  mkdirSync(dirname(trash), { recursive: true })
  renameSync(paths.experiment(root, project, name), trash)
  dropSection(join(projectDir, '.gitmodules'), name)
  dropSection(join(projectDir, '.git', 'config'), name)
  if (isRepo(projectDir)) {
    await commitPaths({ dir: projectDir, paths: ['.gitmodules', `experiments/${name}`], message: `Delete experiment ${name}`, author })
  }
}

/** Moves the experiment's repository back and links it again at its HEAD. */
export async function relinkExperiment(root: string, project: string, name: string, author: Person): Promise<void> {
  const projectDir = paths.project(root, project)
  const dir = paths.experiment(root, project, name)
  mkdirSync(dirname(dir), { recursive: true })
  renameSync(join(paths.experimentTrash(root, project), name), dir)
  if (!isRepo(projectDir) || !isRepo(dir)) return
  const head = readHead(join(dir, '.git')).oid
  if (!head) return
  ensureGitmodules(projectDir, name)
  ensureSubmoduleConfig(projectDir, name)
  await commitPaths({ dir: projectDir, paths: ['.gitmodules'], gitlinks: [{ path: `experiments/${name}`, oid: head }], message: `Restore experiment ${name}`, author })
}

/** Removes `[submodule "<name>"]` and its indented keys from a git config-style file. */
function dropSection(file: string, name: string): void {
  if (!existsSync(file)) return
  const lines = readFileSync(file, 'utf8').split('\n')
  const out: string[] = []
  let skipping = false
  for (const line of lines) {
    if (/^\s*\[/.test(line)) skipping = line.trim() === `[submodule "${name}"]`
    if (!skipping) out.push(line)
  }
  writeFileAtomicSync(file, out.join('\n'))
}
