import { createHash } from 'node:crypto'
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { NotFoundError } from '../../core/errors.js'
import type { SourceReference } from '../../core/model/types.js'
import { blobOid, readCommit, readTree } from './objects.js'
import { readHead, resolveRef } from './refs.js'

/** The version of a commit-less repository's files. */
const NO_COMMIT = '000000000000'

/**
 * The code version of an experiment definition file.
 * - In a git repository: `<first 12 hex of HEAD>` when the file is as committed, else
 *   `<commit12>-dirty-<sha256(content) first 8>` (modified or untracked).
 * - Outside any repository: `content-<sha256(content) first 12>`.
 * Targeted: one blob hash of the file against its entry in HEAD's tree, no status of the whole repository.
 */
export async function resolveCodeVersion(file: string): Promise<{ version: string; source: SourceReference }> {
  const absolute = resolve(file)
  let content: Buffer
  try {
    content = readFileSync(absolute)
  } catch {
    throw new NotFoundError(`definition file '${file}' not found`)
  }
  const real = realpathSync(absolute)
  const source = content.toString('utf8')
  const contentHash = createHash('sha256').update(content).digest('hex')
  const repo = findRepository(dirname(real))
  if (!repo) {
    return {
      version: `content-${contentHash.slice(0, 12)}`,
      source: { kind: 'file', file: real, contentHash, source, note: 'not under git: the version is the hash of the file content' },
    }
  }
  const path = relative(repo.dir, real).split(sep).join('/')
  const head = readHead(repo.gitdir)
  const commit = head.oid ?? (head.ref && repo.commondir ? resolveRef(repo.commondir, head.ref) : undefined)
  let dirty = true
  if (commit) {
    const committed = await blobAt(repo.commondir ?? repo.gitdir, commit, path)
    dirty = committed !== blobOid(content)
  }
  const commit12 = commit ? commit.slice(0, 12) : NO_COMMIT
  return {
    version: dirty ? `${commit12}-dirty-${contentHash.slice(0, 8)}` : commit12,
    source: { kind: 'git', file: real, repo: repo.dir, path, commit: commit ?? '', dirty, contentHash, source },
  }
}

interface Repository { dir: string; gitdir: string; commondir?: string }

/** Walk up from `start` to the directory holding `.git` (a directory, or a file `gitdir: …` for worktrees and submodules). */
export function findRepository(start: string): Repository | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotgit = join(dir, '.git')
    if (existsSync(dotgit)) {
      let gitdir = dotgit
      if (statSync(dotgit).isFile()) {
        const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotgit, 'utf8'))
        if (!m) return undefined
        gitdir = resolve(dir, m[1].trim())
      }
      const common = join(gitdir, 'commondir')
      const commondir = existsSync(common) ? resolve(gitdir, readFileSync(common, 'utf8').trim()) : undefined
      return { dir, gitdir, commondir }
    }
    if (dirname(dir) === dir) return undefined
  }
}

/** The blob oid at `path` in the commit's tree, or undefined when the path is not committed. */
async function blobAt(gitdir: string, commit: string, path: string): Promise<string | undefined> {
  let oid = (await readCommit(gitdir, commit)).tree
  const parts = path.split('/')
  for (let i = 0; i < parts.length; i++) {
    const entry = (await readTree(gitdir, oid)).find((e) => e.name === parts[i])
    if (!entry) return undefined
    const last = i === parts.length - 1
    if (last !== (entry.mode !== '40000')) return undefined
    oid = entry.oid
  }
  return oid
}
