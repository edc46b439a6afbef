import { readdirSync, statSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { withLock } from '../lock/file-lock.js'

/** padre's lock of one repository (`.git/padre.lock`), held around a commit and its bookkeeping. */
export const REPO_LOCK = 'padre.lock'

/**
 * Git's own lock files that a padre killed while holding the repository lock left behind: they
 * are at least as new as its lock. Removing them lets native git and the next padre in again.
 */
function removeLeftoverGitLocks(gitdir: string, lockedAtMs: number): void {
  const candidates = [join(gitdir, 'index.lock')]
  try {
    for (const name of readdirSync(join(gitdir, 'refs', 'heads'))) if (name.endsWith('.lock')) candidates.push(join(gitdir, 'refs', 'heads', name))
  } catch { /* no branches yet */ }
  for (const file of candidates) {
    try {
      if (statSync(file).mtimeMs >= lockedAtMs - 1) unlinkSync(file)
    } catch { /* not there */ }
  }
}

export function withRepoLock<T>(dir: string, fn: () => Promise<T> | T): Promise<T> {
  const gitdir = join(dir, '.git')
  return withLock(join(gitdir, REPO_LOCK), fn, {
    what: `the repository ${dir}`,
    onStale: (lockedAtMs) => removeLeftoverGitLocks(gitdir, lockedAtMs),
  })
}
