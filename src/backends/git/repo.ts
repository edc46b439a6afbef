import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { renameSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'

/** Repository set-up shared by the backend and the remote functions. */

export const DEFAULT_BRANCH = 'main'

export const GITIGNORE = '# temporary files of padre\'s atomic writes\n*.tmp\n'

export function isRepo(dir: string): boolean {
  return existsSync(join(dir, '.git', 'HEAD'))
}

/**
 * `git init -b main`, atomically: the skeleton is written beside `.git` and renamed into place, so a
 * kill never leaves a half-made repository, and of two processes creating it at once one wins and
 * the other finds it made. Returns false when another process made it first.
 */
export function initRepo(dir: string): boolean {
  if (isRepo(dir)) return false
  mkdirSync(dir, { recursive: true })
  const temp = join(dir, `.git-${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
  try {
    mkdirSync(join(temp, 'objects', 'info'), { recursive: true })
    mkdirSync(join(temp, 'objects', 'pack'))
    mkdirSync(join(temp, 'refs', 'heads'), { recursive: true })
    mkdirSync(join(temp, 'refs', 'tags'))
    writeFileSync(join(temp, 'HEAD'), `ref: refs/heads/${DEFAULT_BRANCH}\n`)
    let ignorecase = false
    try {
      statSync(join(temp, 'head'))
      ignorecase = true // the file system found HEAD as 'head'
    } catch { /* case-sensitive */ }
    const windows = process.platform === 'win32'
    writeFileSync(join(temp, 'config'), '[core]\n\trepositoryformatversion = 0\n' +
      `\tfilemode = ${!windows}\n\tbare = false\n\tlogallrefupdates = true\n\tignorecase = ${ignorecase}\n\tsymlinks = ${!windows}\n`)
    writeFileSync(join(temp, 'description'), 'Unnamed repository; edit this file to name the repository.\n')
    if (isRepo(dir)) return false
    renameSync(temp, join(dir, '.git'))
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && isRepo(dir)) return false
    throw error
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

/**
 * isomorphic-git's init and clone write core.filemode=false, core.ignorecase=true, core.symlinks=false.
 * The four settings go into a copy of .git/config (isomorphic-git edits a gitdir's config file in
 * place, one rewrite per setting), which then replaces the original in one rename: a kill leaves
 * either the old config or the new one.
 */
export async function fixCoreConfig(dir: string): Promise<void> {
  const git = await import('isomorphic-git')
  const fs = await import('node:fs')
  const windows = process.platform === 'win32'
  const gitdir = join(dir, '.git')
  let ignorecase = false
  try {
    statSync(join(gitdir, 'head'))
    ignorecase = true // the file system found HEAD as 'head'
  } catch { /* case-sensitive */ }
  const scratch = join(gitdir, `config-${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
  mkdirSync(scratch)
  try {
    writeFileSync(join(scratch, 'config'), readFileSync(join(gitdir, 'config')))
    const settings: [string, boolean][] = [['core.filemode', !windows], ['core.ignorecase', ignorecase], ['core.symlinks', !windows], ['core.logallrefupdates', true]]
    for (const [path, value] of settings) await git.setConfig({ fs, gitdir: scratch, path, value })
    renameSync(join(scratch, 'config'), join(gitdir, 'config'))
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

export function writeFileAtomicSync(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, content)
  renameSync(temp, file)
}

/** The relative url recorded in .gitmodules for an experiment. */
export function submoduleUrl(experiment: string): string {
  return `./experiments/${experiment}`
}

/**
 * Resolve a relative submodule url against the superproject's remote url the way native git does
 * (remote.c relative_url): strip a trailing '/', drop './', and let each '../' remove one path part.
 * `https://host/team/p.git` + `./experiments/e` → `https://host/team/p.git/experiments/e`.
 */
export function resolveRelativeUrl(base: string, relative: string): string {
  if (!relative.startsWith('./') && !relative.startsWith('../')) return relative
  let url = base.replace(/\/+$/, '')
  let rest = relative
  for (;;) {
    if (rest.startsWith('./')) rest = rest.slice(2)
    else if (rest.startsWith('../')) {
      rest = rest.slice(3)
      url = url.slice(0, Math.max(url.lastIndexOf('/'), 0))
    } else break
  }
  return `${url}/${rest}`
}

/** Ensure `.gitmodules` names the experiment; returns true when the file changed. */
export function ensureGitmodules(projectDir: string, experiment: string): boolean {
  const file = join(projectDir, '.gitmodules')
  const current = existsSync(file) ? readFileSync(file, 'utf8') : ''
  if (current.includes(`[submodule "${experiment}"]`)) return false
  const section = `[submodule "${experiment}"]\n\tpath = experiments/${experiment}\n\turl = ${submoduleUrl(experiment)}\n`
  writeFileAtomicSync(file, current + (current && !current.endsWith('\n') ? '\n' : '') + section)
  return true
}

/**
 * Ensure the project's .git/config has `submodule.<e>.url` and `.active`, as `git submodule init`
 * writes them: the url resolved against the project's origin, or against the project directory
 * itself when it has no remote.
 */
export function ensureSubmoduleConfig(projectDir: string, experiment: string, url?: string): void {
  const file = join(projectDir, '.git', 'config')
  const config = readFileSync(file, 'utf8')
  if (config.includes(`[submodule "${experiment}"]`)) return
  const resolved = url ?? resolveRelativeUrl(projectDir, submoduleUrl(experiment))
  appendFileSync(file, `${config.endsWith('\n') ? '' : '\n'}[submodule "${experiment}"]\n\turl = ${resolved}\n\tactive = true\n`)
}
