import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** The branch HEAD points to (refs/heads/main) and its commit, or undefined before the first commit. */
export function readHead(gitdir: string): { ref: string | undefined; oid: string | undefined } {
  const head = readFileSync(join(gitdir, 'HEAD'), 'utf8').trim()
  if (!head.startsWith('ref:')) return { ref: undefined, oid: head }
  const ref = head.slice(4).trim()
  return { ref, oid: resolveRef(gitdir, ref) }
}

export function resolveRef(gitdir: string, ref: string): string | undefined {
  try {
    const value = readFileSync(join(gitdir, ref), 'utf8').trim()
    if (value.startsWith('ref:')) return resolveRef(gitdir, value.slice(4).trim())
    return value
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  try {
    for (const line of readFileSync(join(gitdir, 'packed-refs'), 'utf8').split('\n')) {
      if (line.endsWith(` ${ref}`) && !line.startsWith('#') && !line.startsWith('^')) return line.slice(0, 40)
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  return undefined
}

/**
 * Move a ref from `expected` to `oid` under git's own lock file (`<ref>.lock`), so a concurrent
 * native git or padre cannot interleave. Never moves a ref that someone else moved meanwhile.
 */
export function updateRef(gitdir: string, ref: string, oid: string, expected: string | undefined): void {
  const file = join(gitdir, ref)
  mkdirSync(dirname(file), { recursive: true })
  const lock = `${file}.lock`
  const fd = openSync(lock, 'wx')
  try {
    const current = resolveRef(gitdir, ref)
    if (current !== expected) {
      throw new Error(`${ref} moved from ${expected ?? '(none)'} to ${current ?? '(none)'} while padre was committing; nothing was overwritten, run the command again`)
    }
    writeSync(fd, `${oid}\n`)
    closeSync(fd)
    renameSync(lock, file)
  } catch (error) {
    try { closeSync(fd) } catch { /* already closed */ }
    try { unlinkSync(lock) } catch { /* already renamed */ }
    throw error
  }
}
