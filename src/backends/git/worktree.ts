import { lstatSync, mkdirSync, readFileSync, readlinkSync, rmdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import type { BigIntStats } from 'node:fs'
import { dirname, join } from 'node:path'
import { BackendError } from '../../core/errors.js'
import { lockIndex, unlockIndex, updateIndex } from './index-file.js'
import type { IndexChange } from './index-file.js'
import { blobOid, readCommit, readObject, readTree } from './objects.js'
import type { TreeEntry } from './objects.js'
import { readHead, updateRef } from './refs.js'

/**
 * Move a work tree, its index and its branch from one commit to a descendant (a fast-forward, or
 * the first checkout after a clone), touching only the paths whose tree entries differ. Refuses,
 * before writing anything, when a path it would overwrite or delete has local changes.
 */

interface Change { path: string; from?: TreeEntry; to?: TreeEntry }

async function diffTrees(gitdir: string, from: string | undefined, to: string | undefined, prefix: string, out: Change[]): Promise<void> {
  if (from === to) return
  const a = new Map((from ? await readTree(gitdir, from) : []).map((e) => [e.name, e]))
  const b = new Map((to ? await readTree(gitdir, to) : []).map((e) => [e.name, e]))
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(name)
    const y = b.get(name)
    if (x && y && x.oid === y.oid && x.mode === y.mode) continue
    const path = prefix ? `${prefix}/${name}` : name
    const xTree = x?.mode === '40000'
    const yTree = y?.mode === '40000'
    if (xTree || yTree) {
      await diffTrees(gitdir, xTree ? x!.oid : undefined, yTree ? y!.oid : undefined, path, out)
      if (x && !xTree) out.push({ path, from: x })
      if (y && !yTree) out.push({ path, to: y })
    } else {
      out.push({ path, from: x, to: y })
    }
  }
}

function statOf(file: string): BigIntStats | undefined {
  try {
    return lstatSync(file, { bigint: true })
  } catch {
    return undefined
  }
}

/** The oid of what is on disk at `path`, in the shape of the tree entry `like`. */
function diskOid(dir: string, path: string, like: TreeEntry): string | undefined {
  const file = join(dir, path)
  const st = statOf(file)
  if (!st) return undefined
  if (like.mode === '160000') return st.isDirectory() ? like.oid : 'not-a-submodule' // a submodule moves on its own
  if (st.isSymbolicLink()) return blobOid(Buffer.from(readlinkSync(file)))
  if (!st.isFile()) return 'not-a-file'
  return blobOid(readFileSync(file))
}

/** `initial`: the work tree is empty (right after a clone without checkout): write everything. */
export async function checkoutForward(dir: string, target: string, initial = false): Promise<{ changed: number }> {
  const gitdir = join(dir, '.git')
  const fd = lockIndex(gitdir)
  let locked = true
  try {
    const head = readHead(gitdir)
    if (!head.ref) throw new BackendError(`HEAD is detached in ${dir}`)
    const fromTree = head.oid && !initial ? (await readCommit(gitdir, head.oid)).tree : undefined
    const toTree = (await readCommit(gitdir, target)).tree
    const changes: Change[] = []
    await diffTrees(gitdir, fromTree, toTree, '', changes)

    const conflicts: string[] = []
    for (const c of changes) {
      const ref = c.from ?? c.to!
      const disk = diskOid(dir, c.path, ref)
      if (disk === undefined) continue
      if (c.from && disk === c.from.oid) continue // unchanged since the last commit: safe to replace
      if (c.to && disk === c.to.oid) continue // already what the remote has
      conflicts.push(c.path)
    }
    if (conflicts.length) {
      throw new BackendError(`local changes in ${dir} would be overwritten: ${conflicts.slice(0, 5).join(', ')}${conflicts.length > 5 ? ', …' : ''}`, [
        'Commit or move those files, then pull again. Nothing was changed.',
      ])
    }

    const index: IndexChange[] = []
    const removals: string[] = []
    for (const c of changes) {
      const file = join(dir, c.path)
      if (!c.to) {
        if (c.from!.mode !== '160000') {
          try { unlinkSync(file) } catch { /* already gone */ }
          pruneEmpty(dir, dirname(c.path))
        }
        removals.push(c.path)
        continue
      }
      if (c.to.mode === '160000') {
        mkdirSync(file, { recursive: true })
        index.push({ path: c.path, oid: c.to.oid, mode: 0o160000, isNew: !c.from })
        continue
      }
      mkdirSync(dirname(file), { recursive: true })
      const { content } = await readObject(gitdir, c.to.oid)
      const existing = statOf(file)
      if (existing && (existing.isSymbolicLink() || c.to.mode === '120000')) unlinkSync(file)
      if (c.to.mode === '120000') symlinkSync(content.toString(), file)
      else writeFileSync(file, content, { mode: c.to.mode === '100755' ? 0o755 : 0o644 })
      index.push({ path: c.path, oid: c.to.oid, mode: parseInt(c.to.mode, 8), stat: statOf(file), isNew: !c.from })
    }
    updateRef(gitdir, head.ref, target, head.oid)
    locked = false
    updateIndex(gitdir, fd, index, removals, true)
    return { changed: changes.length }
  } finally {
    if (locked) unlockIndex(gitdir, fd)
  }
}

function pruneEmpty(dir: string, rel: string): void {
  for (let p = rel; p && p !== '.'; p = dirname(p)) {
    try { rmdirSync(join(dir, p)) } catch { return }
  }
}
