import { createHash } from 'node:crypto'
import { closeSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs'
import type { BigIntStats } from 'node:fs'
import { join } from 'node:path'

/**
 * Targeted updates of git's index (.git/index, format v2/v3, see git's index-format.txt).
 *
 * isomorphic-git's add/updateIndex parse and rewrite the whole index on every call, and a plain
 * index is rewritten and re-hashed whole on every change, so the cost of a commit grows with the
 * number of tracked files (≈17 per run). Here the new entries are spliced in as bytes, and once a
 * repository holds many files the index is written in git's own *split index* form: the bulk sits
 * in `.git/sharedindex.<sha>` (rewritten rarely), and `.git/index` holds only the entries added
 * since, plus a `link` extension naming the shared file. Native git reads both forms; with
 * `core.splitIndex` unset it keeps whichever form it finds.
 */

/** Entries in the main index above which the next change folds everything into a new shared index. */
export const MAIN_MAX = 2000
/** Total entries from which a repository's index is written split. */
export const SPLIT_MIN = 2000

export interface IndexChange {
  path: string
  oid: string
  mode: number
  /** Stat data of the working file (zeroed when absent: legal, git re-checks the content). */
  stat?: BigIntStats
  /** The path is not in the parent commit's tree (a plain addition). */
  isNew: boolean
}

interface Entry { path: Buffer; bytes: Buffer; stage: number }

interface ParsedIndex {
  version: number
  entries: Entry[]
  /** The `link` extension: the shared index's oid and whether it has delete/replace bitmaps. */
  link?: { shared: string; raw: Buffer }
}

const SIG = Buffer.from('DIRC')

export function makeEntry(path: string, oid: string, mode: number, st?: BigIntStats): Buffer {
  const name = Buffer.from(path)
  const length = Math.floor((62 + name.length + 8) / 8) * 8
  const b = Buffer.alloc(length)
  if (st) {
    const u32 = (v: bigint) => Number(BigInt.asUintN(32, v))
    b.writeUInt32BE(u32(st.ctimeNs / 1000000000n), 0)
    b.writeUInt32BE(u32(st.ctimeNs % 1000000000n), 4)
    b.writeUInt32BE(u32(st.mtimeNs / 1000000000n), 8)
    b.writeUInt32BE(u32(st.mtimeNs % 1000000000n), 12)
    b.writeUInt32BE(u32(st.dev), 16)
    b.writeUInt32BE(u32(st.ino), 20)
    b.writeUInt32BE(u32(st.uid), 28)
    b.writeUInt32BE(u32(st.gid), 32)
    b.writeUInt32BE(u32(st.size), 36)
  }
  b.writeUInt32BE(mode, 24)
  b.write(oid, 40, 'hex')
  b.writeUInt16BE(Math.min(name.length, 0xfff), 60)
  name.copy(b, 62)
  return b
}

function parseIndex(buf: Buffer, what: string): ParsedIndex {
  if (buf.length < 32 || !buf.subarray(0, 4).equals(SIG)) throw new Error(`${what} is not a git index`)
  const version = buf.readUInt32BE(4)
  if (version !== 2 && version !== 3) {
    throw new Error(`${what} uses index format v${version}; padre writes v2/v3. Run 'git update-index --index-version 2' in that repository`)
  }
  const count = buf.readUInt32BE(8)
  const entries: Entry[] = new Array(count)
  let off = 12
  for (let i = 0; i < count; i++) {
    const flags = buf.readUInt16BE(off + 60)
    const extended = version >= 3 && (flags & 0x4000) !== 0
    const nameStart = off + 62 + (extended ? 2 : 0)
    let nameLength = flags & 0xfff
    if (nameLength === 0xfff) nameLength = buf.indexOf(0, nameStart) - nameStart
    const length = Math.floor((nameStart - off + nameLength + 8) / 8) * 8
    entries[i] = { path: buf.subarray(nameStart, nameStart + nameLength), bytes: buf.subarray(off, off + length), stage: (flags >> 12) & 3 }
    off += length
  }
  const end = buf.length - 20
  let link: ParsedIndex['link']
  while (off + 8 <= end) {
    const sig = buf.toString('latin1', off, off + 4)
    const size = buf.readUInt32BE(off + 4)
    const data = buf.subarray(off + 8, off + 8 + size)
    if (sig === 'link') link = { shared: data.toString('hex', 0, 20), raw: data }
    else if (sig[0] < 'A' || sig[0] > 'Z') throw new Error(`${what} has the required extension '${sig}' that padre does not support`)
    off += 8 + size
  }
  return { version, entries, link }
}

/** Set positions of a git EWAH bitmap (ewah/ewah_io.c); returns them and the offset after it. */
function readEwah(buf: Buffer, off: number): { bits: Set<number>; end: number } {
  const words = buf.readUInt32BE(off + 4)
  let p = off + 8
  let pos = 0
  const bits = new Set<number>()
  let i = 0
  while (i < words) {
    const hi = buf.readUInt32BE(p)
    const lo = buf.readUInt32BE(p + 4)
    p += 8
    i++
    const runBit = lo & 1
    const runLength = (lo >>> 1) + (hi & 1) * 2 ** 31
    const literals = hi >>> 1
    if (runBit) for (let k = 0; k < runLength * 64; k++) bits.add(pos + k)
    pos += runLength * 64
    for (let j = 0; j < literals; j++) {
      const whi = buf.readUInt32BE(p)
      const wlo = buf.readUInt32BE(p + 4)
      p += 8
      i++
      for (let b = 0; b < 32; b++) {
        if (wlo & (1 << b)) bits.add(pos + b)
        if (whi & (1 << b)) bits.add(pos + 32 + b)
      }
      pos += 64
    }
  }
  return { bits, end: p + 4 }
}

function comparePaths(a: Entry, b: Entry): number {
  return Buffer.compare(a.path, b.path) || a.stage - b.stage
}

function withPath(entry: Entry, path: Buffer): Entry {
  // A replaced entry may carry an empty name: rebuild it with the shared entry's path.
  const flags = entry.bytes.readUInt16BE(60)
  const extended = (flags & 0x4000) !== 0
  const head = entry.bytes.subarray(0, 62 + (extended ? 2 : 0))
  const length = Math.floor((head.length + path.length + 8) / 8) * 8
  const b = Buffer.alloc(length)
  head.copy(b)
  b.writeUInt16BE((flags & 0xf000) | Math.min(path.length, 0xfff), 60)
  path.copy(b, head.length)
  return { path: b.subarray(head.length, head.length + path.length), bytes: b, stage: entry.stage }
}

/** Every entry of the index, with a split index's shared part merged in. */
function materialize(gitdir: string, main: ParsedIndex): Entry[] {
  if (!main.link) return main.entries
  const shared = parseIndex(readFileSync(join(gitdir, `sharedindex.${main.link.shared}`)), 'the shared index').entries
  let deleted = new Set<number>()
  let replaced = new Set<number>()
  if (main.link.raw.length > 20) {
    const d = readEwah(main.link.raw, 20)
    deleted = d.bits
    replaced = readEwah(main.link.raw, d.end).bits
  }
  let next = 0
  const base: Entry[] = []
  for (let i = 0; i < shared.length; i++) {
    let e = shared[i]
    if (replaced.has(i)) {
      const r = main.entries[next++]
      e = r.path.length === 0 ? withPath(r, e.path) : r
    }
    if (!deleted.has(i)) base.push(e)
  }
  const added = main.entries.slice(next)
  return mergeSorted(base, added)
}

/** Merge two sorted lists; on equal path and stage the second wins (git's OK_TO_REPLACE). */
function mergeSorted(a: Entry[], b: Entry[]): Entry[] {
  if (!b.length) return a
  const out: Entry[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (j >= b.length) out.push(a[i++])
    else if (i >= a.length) out.push(b[j++])
    else {
      const c = comparePaths(a[i], b[j])
      if (c < 0) out.push(a[i++])
      else if (c > 0) out.push(b[j++])
      else { out.push(b[j++]); i++ }
    }
  }
  return out
}

function lowerBound(entries: Entry[], path: Buffer): number {
  let lo = 0
  let hi = entries.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (Buffer.compare(entries[mid].path, path) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Remove `path` (all stages) and everything under `path/`. */
function removeTree(entries: Entry[], path: Buffer): void {
  // Entries under 'p/' are contiguous: they sort from 'p/' up to 'p0' ('0' follows '/').
  const from = lowerBound(entries, Buffer.concat([path, Buffer.from('/')]))
  const to = lowerBound(entries, Buffer.concat([path, Buffer.from('0')]))
  if (to > from) entries.splice(from, to - from)
  const at = lowerBound(entries, path)
  let end = at
  while (end < entries.length && entries[end].path.equals(path)) end++
  if (end > at) entries.splice(at, end - at)
}

/** Insert or replace `entry`, dropping a file where a directory must go and the reverse. */
function put(entries: Entry[], entry: Entry): void {
  const p = entry.path
  for (let slash = p.indexOf(0x2f); slash > 0; slash = p.indexOf(0x2f, slash + 1)) {
    const parent = p.subarray(0, slash)
    const at = lowerBound(entries, parent)
    if (at < entries.length && entries[at].path.equals(parent)) removeTree(entries, parent)
  }
  removeTree(entries, p)
  entries.splice(lowerBound(entries, p), 0, entry)
}

function serialize(entries: Entry[], extensions: Buffer[] = []): Buffer {
  let version = 2
  for (const e of entries) if (e.bytes.readUInt16BE(60) & 0x4000) { version = 3; break }
  const header = Buffer.alloc(12)
  SIG.copy(header)
  header.writeUInt32BE(version, 4)
  header.writeUInt32BE(entries.length, 8)
  const body = Buffer.concat([header, ...entries.map((e) => e.bytes), ...extensions])
  return Buffer.concat([body, createHash('sha1').update(body).digest()])
}

function toEntry(c: IndexChange): Entry {
  const bytes = makeEntry(c.path, c.oid, c.mode, c.stat)
  const name = Buffer.from(c.path)
  return { path: bytes.subarray(62, 62 + name.length), bytes, stage: 0 }
}

/** Take git's index lock (`.git/index.lock`), as native git does; returns its file descriptor. */
export function lockIndex(gitdir: string): number {
  return openSync(join(gitdir, 'index.lock'), 'wx')
}

export function unlockIndex(gitdir: string, fd: number): void {
  try { closeSync(fd) } catch { /* closed */ }
  try { unlinkSync(join(gitdir, 'index.lock')) } catch { /* renamed */ }
}

/**
 * Apply `changes` and `removals` to the index while holding the lock `fd` (from lockIndex), then
 * move the lock into place. `split` allows the split form for large indexes.
 */
export function updateIndex(gitdir: string, fd: number, changes: IndexChange[], removals: string[], split: boolean): void {
  let raw: Buffer | undefined
  try {
    raw = readFileSync(join(gitdir, 'index'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const main: ParsedIndex = raw ? parseIndex(raw, 'the index') : { version: 2, entries: [] }
  const sorted = changes.map(toEntry).sort(comparePaths)

  // Fast path: a split index whose main part only holds additions, and only additions to make.
  const fast = main.link && !hasBits(main.link.raw) && removals.length === 0 && changes.every((c) => c.isNew) &&
    main.entries.length + sorted.length <= MAIN_MAX
  let out: Buffer
  let oldShared: string | undefined
  if (fast) {
    const entries = main.entries
    for (const e of sorted) put(entries, e)
    out = serialize(entries, [extension('link', main.link!.raw)])
  } else {
    const entries = materialize(gitdir, main)
    for (const r of removals) removeTree(entries, Buffer.from(r))
    for (const e of sorted) put(entries, e)
    if (split && entries.length >= SPLIT_MIN) {
      const shared = serialize(entries)
      const sharedOid = shared.subarray(shared.length - 20).toString('hex')
      const file = join(gitdir, `sharedindex.${sharedOid}`)
      writeFileSync(`${file}.tmp`, shared)
      renameSync(`${file}.tmp`, file)
      // git 2.39 needs both bitmaps present (it crashes on a link extension without them).
      out = serialize([], [extension('link', Buffer.concat([Buffer.from(sharedOid, 'hex'), EMPTY_EWAH, EMPTY_EWAH]))])
      if (main.link && main.link.shared !== sharedOid) oldShared = main.link.shared
    } else {
      out = serialize(entries)
      if (main.link) oldShared = main.link.shared
    }
  }
  writeSync(fd, out)
  closeSync(fd)
  renameSync(join(gitdir, 'index.lock'), join(gitdir, 'index'))
  if (oldShared || (!fast && split && currentShared(out))) expireSharedIndexes(gitdir, currentShared(out))
}

/** The shared index named by a serialised index's link extension, if any. */
function currentShared(index: Buffer): string | undefined {
  return parseIndex(index, 'the index').link?.shared
}

/**
 * Remove shared index files the index no longer names (and temp files of killed writers). padre
 * holds git's index lock here, so no git writes an index meanwhile; git itself would keep them two
 * weeks, which only piles them up for a repository written as often as padre writes.
 */
export function expireSharedIndexes(gitdir: string, keep: string | undefined): void {
  let names: string[]
  try {
    names = readdirSync(gitdir)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith('sharedindex.') || name === `sharedindex.${keep}`) continue
    try { unlinkSync(join(gitdir, name)) } catch { /* already gone */ }
  }
}

/** An empty EWAH bitmap as git serialises it: bit size 0, one (zero) run-length word, rlw at 0. */
const EMPTY_EWAH = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])

/** Does the link extension delete or replace any shared entry? */
function hasBits(link: Buffer): boolean {
  if (link.length <= 20) return true // no bitmaps: rewrite it in the form git expects
  const d = readEwah(link, 20)
  return d.bits.size > 0 || readEwah(link, d.end).bits.size > 0
}

function extension(sig: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.write(sig, 0, 'latin1')
  head.writeUInt32BE(data.length, 4)
  return Buffer.concat([head, data])
}
