import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync, inflateSync } from 'node:zlib'
import { hasPacked, readPacked } from './pack-read.js'

/**
 * The small part of git's object store that the per-run commit needs, written directly: loose
 * objects (the format native git writes for `git add`/`git commit`), tree and commit encoding.
 * Objects that are not loose (packed by a clone, a fetch or `git gc`) are read through
 * isomorphic-git, imported only then. This keeps the hot path free of isomorphic-git's
 * start-up cost (+113 ms) and of its whole-index rewrites.
 */

export type ObjectType = 'blob' | 'tree' | 'commit' | 'tag'

export interface TreeEntry {
  /** '100644', '100755', '120000', '160000' or '40000'. */
  mode: string
  name: string
  oid: string
}

export function hashObject(type: ObjectType, content: Buffer): { oid: string; raw: Buffer } {
  const raw = Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content])
  return { oid: createHash('sha1').update(raw).digest('hex'), raw }
}

/** The oid native git gives a file's content (`git hash-object`). */
export function blobOid(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex')
}

const madeDirs = new Set<string>()

/** Write a loose object (temp file + rename, read-only, like git); skip it when it already exists. */
export function writeObject(gitdir: string, type: ObjectType, content: Buffer): string {
  const { oid, raw } = hashObject(type, content)
  const dir = join(gitdir, 'objects', oid.slice(0, 2))
  const file = join(dir, oid.slice(2))
  if (type !== 'commit' && (exists(file) || hasPacked(gitdir, oid))) return oid
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true })
    madeDirs.add(dir)
  }
  const temp = join(dir, `tmp_obj_${randomBytes(6).toString('hex')}`)
  try {
    writeFileSync(temp, deflateSync(raw, { level: 1 }), { mode: 0o444 })
    renameSync(temp, file)
  } catch (error) {
    try { unlinkSync(temp) } catch { /* nothing to clean */ }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && madeDirs.delete(dir)) return writeObject(gitdir, type, content)
    throw error
  }
  return oid
}

function exists(file: string): boolean {
  try {
    statSync(file)
    return true
  } catch {
    return false
  }
}

/** Read an object: loose first, then from the packs, then (anything else) through isomorphic-git. */
export async function readObject(gitdir: string, oid: string): Promise<{ type: ObjectType; content: Buffer }> {
  let deflated: Buffer | undefined
  try {
    deflated = readFileSync(join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2)))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  if (deflated) {
    const raw = inflateSync(deflated)
    const space = raw.indexOf(0x20)
    const nul = raw.indexOf(0, space)
    return { type: raw.subarray(0, space).toString() as ObjectType, content: raw.subarray(nul + 1) }
  }
  const packed = readPacked(gitdir, oid)
  if (packed) return packed
  const git = await import('isomorphic-git')
  const fs = await import('node:fs')
  const result = await git.readObject({ fs, gitdir, oid, format: 'content' })
  return { type: result.type as ObjectType, content: Buffer.from(result.object as Uint8Array) }
}

export function parseTree(content: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = []
  let i = 0
  while (i < content.length) {
    const space = content.indexOf(0x20, i)
    const nul = content.indexOf(0, space)
    entries.push({
      mode: content.toString('latin1', i, space),
      name: content.toString('utf8', space + 1, nul),
      oid: content.toString('hex', nul + 1, nul + 21),
    })
    i = nul + 21
  }
  return entries
}

/** git's tree order: byte order of names, with a tree's name compared as if it ended in '/'. */
export function compareTreeEntries(a: TreeEntry, b: TreeEntry): number {
  const ka = Buffer.from(a.mode === '40000' ? a.name + '/' : a.name)
  const kb = Buffer.from(b.mode === '40000' ? b.name + '/' : b.name)
  return Buffer.compare(ka, kb)
}

export function serializeTree(entries: TreeEntry[]): Buffer {
  const sorted = [...entries].sort(compareTreeEntries)
  const parts: Buffer[] = []
  for (const e of sorted) {
    parts.push(Buffer.from(`${e.mode} ${e.name}\0`), Buffer.from(e.oid, 'hex'))
  }
  return Buffer.concat(parts)
}

export async function readTree(gitdir: string, oid: string): Promise<TreeEntry[]> {
  const { type, content } = await readObject(gitdir, oid)
  if (type !== 'tree') throw new Error(`object ${oid} is a ${type}, not a tree`)
  return parseTree(content)
}

export interface Person { name: string; email: string }

export interface CommitInfo {
  tree: string
  parents: string[]
  author: string
  committer: string
  message: string
}

export function parseCommit(content: Buffer): CommitInfo {
  const text = content.toString('utf8')
  const end = text.indexOf('\n\n')
  const head = end < 0 ? text : text.slice(0, end)
  const info: CommitInfo = { tree: '', parents: [], author: '', committer: '', message: end < 0 ? '' : text.slice(end + 2) }
  for (const line of head.split('\n')) {
    const space = line.indexOf(' ')
    const key = line.slice(0, space)
    const value = line.slice(space + 1)
    if (key === 'tree') info.tree = value
    else if (key === 'parent') info.parents.push(value)
    else if (key === 'author') info.author = value
    else if (key === 'committer') info.committer = value
  }
  return info
}

export async function readCommit(gitdir: string, oid: string): Promise<CommitInfo> {
  const { type, content } = await readObject(gitdir, oid)
  if (type !== 'commit') throw new Error(`object ${oid} is a ${type}, not a commit`)
  return parseCommit(content)
}

function signature(person: Person, when: Date): string {
  const offset = -when.getTimezoneOffset()
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const tz = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`
  const clean = (s: string) => s.replace(/[<>\n]/g, '').trim()
  return `${clean(person.name)} <${clean(person.email)}> ${Math.floor(when.getTime() / 1000)} ${tz}`
}

export function writeCommit(gitdir: string, opts: { tree: string; parents: string[]; author: Person; message: string; when?: Date }): string {
  const when = opts.when ?? new Date()
  const sig = signature(opts.author, when)
  const lines = [`tree ${opts.tree}`, ...opts.parents.map((p) => `parent ${p}`), `author ${sig}`, `committer ${sig}`, '', opts.message.endsWith('\n') ? opts.message : opts.message + '\n']
  return writeObject(gitdir, 'commit', Buffer.from(lines.join('\n')))
}

export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'
