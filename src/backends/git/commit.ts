import { appendFileSync, lstatSync, readFileSync, readdirSync, readlinkSync, unlinkSync } from 'node:fs'
import type { BigIntStats } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { BackendError } from '../../core/errors.js'
import { lockIndex, unlockIndex, updateIndex } from './index-file.js'
import type { IndexChange } from './index-file.js'
import { readCommit, readTree, serializeTree, writeCommit, writeObject } from './objects.js'
import type { Person, TreeEntry } from './objects.js'
import { readHead, updateRef } from './refs.js'
import { withRepoLock } from './repo-lock.js'
import { writeFileAtomicSync } from './repo.js'
import { currentOwner, formatOwner, isAlive, parseOwner } from '../lock/process-identity.js'

/**
 * One commit of a few paths, with git's plumbing: blobs for the files, new trees only along the
 * changed paths (every other subtree is reused by oid), a commit object, the branch moved under
 * its lock, and a targeted index update, so native `git status` is clean afterwards. The cost does
 * not grow with the number of files already in the repository.
 */

export const PENDING_FILE = 'padre-pending'

export interface CommitRequest {
  /** The work tree; its repository is `<dir>/.git`. */
  dir: string
  /** Paths (posix, relative to dir) of files or directories to record as they are on disk; a missing path is removed. */
  paths: string[]
  /** Gitlinks (submodules) to point at a commit. */
  gitlinks?: Array<{ path: string; oid: string }>
  message: string | ((extra: string[]) => string)
  author: Person
  /** Allow git's split index form (large repositories). */
  split?: boolean
  /** Rewrite the index entries of every path even where the tree did not change (healing after a kill). */
  refreshIndex?: boolean
}

/**
 * Remember paths that an event wrote, so that a commit that fails (or never runs) is caught up by
 * the next one. Under the repository lock: a commit reads and removes the file under it too.
 */
export function recordPending(dir: string, paths: string[]): Promise<void> {
  return withRepoLock(dir, () => appendPending(dir, paths))
}

/**
 * Each pending line is `<pid> <start>\t<path>`: the process that wrote the path. A commit takes the
 * lines of its own process and of processes no longer running; a path still being written by a
 * live process (a run in progress) stays for that process's own commit.
 */
function appendPending(dir: string, paths: string[]): void {
  const owner = formatOwner(currentOwner()).trim()
  if (paths.length) appendFileSync(join(dir, '.git', PENDING_FILE), paths.map((p) => `${owner}\t${p}\n`).join(''))
}

interface Pending { take: string[]; keep: string[] }

function splitPending(lines: string[]): Pending {
  const take: string[] = []
  const keep: string[] = []
  for (const line of lines) {
    const tab = line.indexOf('\t')
    const owner = tab < 0 ? undefined : parseOwner(line.slice(0, tab))
    const path = tab < 0 ? line : line.slice(tab + 1)
    if (owner && isAlive(owner) && owner.pid !== process.pid) keep.push(line)
    else if (!take.includes(path)) take.push(path)
  }
  return { take, keep }
}

function readPending(gitdir: string): string[] {
  try {
    return readFileSync(join(gitdir, PENDING_FILE), 'utf8').split('\n').filter(Boolean)
  } catch {
    return []
  }
}

interface FileChange { oid: string; mode: number; stat?: BigIntStats }
interface Node { children: Map<string, Node>; change?: FileChange | null }

const IGNORED = /\.tmp$/

function collect(dir: string, rel: string, out: Map<string, FileChange | null>): void {
  let st: BigIntStats
  try {
    st = lstatSync(join(dir, rel), { bigint: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    out.set(rel, null)
    return
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(join(dir, rel))) {
      if (name === '.git' || IGNORED.test(name)) continue
      collect(dir, `${rel}/${name}`, out)
    }
    return
  }
  const gitdir = join(dir, '.git')
  if (st.isSymbolicLink()) {
    out.set(rel, { oid: writeObject(gitdir, 'blob', Buffer.from(readlinkSync(join(dir, rel)))), mode: 0o120000, stat: st })
    return
  }
  const mode = (st.mode & 0o111n) !== 0n ? 0o100755 : 0o100644
  out.set(rel, { oid: writeObject(gitdir, 'blob', readFileSync(join(dir, rel))), mode, stat: st })
}

async function lock(gitdir: string): Promise<number> {
  const deadline = Date.now() + 3_000
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      return lockIndex(gitdir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      if (Date.now() > deadline) {
        throw new BackendError(`${join(gitdir, 'index.lock')} is held by another git process`, [
          'Wait for the other git command to finish, or remove the lock file if no git process is running.',
        ])
      }
      await sleep(wait)
    }
  }
}

/** Commit the paths (plus any pending ones) under the repository lock; returns the new commit, or undefined when nothing changed. */
export function commitPaths(req: CommitRequest): Promise<string | undefined> {
  return withRepoLock(req.dir, () => commitHeld(req))
}

/** commitPaths for a caller that holds the repository lock (withRepoLock) already. */
export async function commitHeld(req: CommitRequest): Promise<string | undefined> {
  const gitdir = join(req.dir, '.git')
  const lines = readPending(gitdir)
  const { take: pending, keep } = splitPending(lines)
  try {
    const commit = await commitLocked(req, gitdir, pending)
    if (keep.length === 0 && lines.length) unlinkSync(join(gitdir, PENDING_FILE))
    else if (keep.length < lines.length) writeFileAtomicSync(join(gitdir, PENDING_FILE), keep.map((l) => `${l}\n`).join(''))
    return commit
  } catch (error) {
    // Keep what this command wrote for the next commit; the files stay on disk as they are.
    try { appendPending(req.dir, req.paths.filter((p) => !pending.includes(p))) } catch { /* best effort */ }
    if (error instanceof BackendError || (error as NodeJS.ErrnoException).code === 'ENOSPC') throw error
    throw new BackendError(`git commit in ${req.dir} failed: ${(error as Error).message}`, [
      'The files are in place and will be committed by the next padre command that records into this repository.',
    ])
  }
}

async function commitLocked(req: CommitRequest, gitdir: string, pending: string[]): Promise<string | undefined> {
  const fd = await lock(gitdir)
  let locked = true
  try {
    const head = readHead(gitdir)
    if (!head.ref) throw new BackendError(`HEAD is detached in ${req.dir}; padre commits on a branch`, ['Run: git -C ' + req.dir + ' checkout main'])
    const parentTree = head.oid ? (await readCommit(gitdir, head.oid)).tree : undefined

    const extra = pending.filter((p) => !req.paths.includes(p))
    const files = new Map<string, FileChange | null>()
    for (const p of [...req.paths, ...extra]) collect(req.dir, p, files)
    for (const g of req.gitlinks ?? []) files.set(g.path, { oid: g.oid, mode: 0o160000 })

    const root: Node = { children: new Map() }
    for (const [path, change] of files) {
      let node = root
      for (const part of path.split('/')) {
        let child = node.children.get(part)
        if (!child) node.children.set(part, (child = { children: new Map() }))
        node = child
      }
      node.change = change
    }
    const forced = new Set(req.refreshIndex ? [...req.paths, ...pending] : pending)
    const changes: IndexChange[] = []
    const removals: string[] = []
    const tree = await updateTree(gitdir, parentTree, root, '', { changes, removals, forced })

    // Objects first, then the index, then the ref, each replaced atomically: at every instant the
    // repository is valid for native git, and a kill leaves at worst an index ahead of HEAD, which
    // the next commit of the same paths (healing) completes.
    let commit: string | undefined
    if (tree !== parentTree || !head.oid) {
      const message = typeof req.message === 'function' ? req.message(extra) : req.message
      commit = writeCommit(gitdir, { tree: tree!, parents: head.oid ? [head.oid] : [], author: req.author, message })
    }
    if (changes.length || removals.length) {
      locked = false
      try {
        updateIndex(gitdir, fd, changes, removals, req.split ?? false)
      } catch (error) {
        unlockIndex(gitdir, fd)
        throw error
      }
    }
    if (commit) updateRef(gitdir, head.ref, commit, head.oid)
    return commit
  } finally {
    if (locked) unlockIndex(gitdir, fd)
  }
}

interface Acc { changes: IndexChange[]; removals: string[]; forced: Set<string> }

function isForced(forced: Set<string>, path: string): boolean {
  if (forced.has(path)) return true
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) if (forced.has(path.slice(0, i))) return true
  return false
}

async function updateTree(gitdir: string, oid: string | undefined, node: Node, prefix: string, acc: Acc): Promise<string | undefined> {
  const entries = new Map<string, TreeEntry>()
  if (oid) for (const e of await readTree(gitdir, oid)) entries.set(e.name, e)
  let changed = !oid
  for (const [name, child] of node.children) {
    const path = prefix ? `${prefix}/${name}` : name
    const old = entries.get(name)
    if (child.change === null) {
      if (old) {
        entries.delete(name)
        changed = true
      }
      acc.removals.push(path)
    } else if (child.change) {
      const { oid: blob, mode, stat } = child.change
      const modeText = mode.toString(8)
      const same = old !== undefined && old.oid === blob && old.mode === modeText
      if (!same) {
        entries.set(name, { mode: modeText, name, oid: blob })
        changed = true
      }
      if (!same || isForced(acc.forced, path)) acc.changes.push({ path, oid: blob, mode, stat, isNew: old === undefined })
    } else {
      const sub = old?.mode === '40000' ? old.oid : undefined
      const next = await updateTree(gitdir, sub, child, path, acc)
      if (next === sub) continue
      changed = true
      if (next) entries.set(name, { mode: '40000', name, oid: next })
      else entries.delete(name)
    }
  }
  if (!changed) return oid
  if (entries.size === 0 && prefix !== '') return undefined
  return writeObject(gitdir, 'tree', serializeTree([...entries.values()]))
}
