import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { applyDelta } from './pack-delta.js'

/**
 * Reading objects out of git pack files (.idx v2 + .pack), deltas included, without isomorphic-git:
 * an object is found by binary search in the .idx (loaded once per process and pack) and read by
 * one positioned read of the .pack, so the per-run commit stays as cheap after packing as before.
 */

export type PackedType = 'commit' | 'tree' | 'blob' | 'tag'

export const TYPE_CODES: Record<PackedType, number> = { commit: 1, tree: 2, blob: 3, tag: 4 }
const TYPE_NAMES: Record<number, PackedType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' }
export const OFS_DELTA = 6
export const REF_DELTA = 7

export interface PackIndex {
  /** objects/pack/pack-<hash> without extension. */
  base: string
  count: number
  fanout: Uint32Array
  /** count × 20 bytes, sorted. */
  oids: Buffer
  offsets: Buffer
  largeOffsets: Buffer
}

export function parseIndex(base: string, buf: Buffer): PackIndex {
  if (buf.readUInt32BE(0) !== 0xff744f63 || buf.readUInt32BE(4) !== 2) throw new Error(`${base}.idx is not a version 2 pack index`)
  const fanout = new Uint32Array(256)
  for (let i = 0; i < 256; i++) fanout[i] = buf.readUInt32BE(8 + i * 4)
  const count = fanout[255]
  const oidsAt = 8 + 1024
  const offsetsAt = oidsAt + count * 20 + count * 4
  const largeAt = offsetsAt + count * 4
  return {
    base,
    count,
    fanout,
    oids: buf.subarray(oidsAt, oidsAt + count * 20),
    offsets: buf.subarray(offsetsAt, largeAt),
    largeOffsets: buf.subarray(largeAt, buf.length - 40),
  }
}

export function loadIndex(base: string): PackIndex {
  return parseIndex(base, readFileSync(`${base}.idx`))
}

/** The pack offset of an oid, or -1. */
export function findOffset(idx: PackIndex, oid: Buffer): number {
  let lo = oid[0] === 0 ? 0 : idx.fanout[oid[0] - 1]
  let hi = idx.fanout[oid[0]]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const c = oid.compare(idx.oids, mid * 20, mid * 20 + 20)
    if (c === 0) return offsetAt(idx, mid)
    if (c < 0) hi = mid
    else lo = mid + 1
  }
  return -1
}

export function offsetAt(idx: PackIndex, i: number): number {
  const small = idx.offsets.readUInt32BE(i * 4)
  if (!(small & 0x80000000)) return small
  return Number(idx.largeOffsets.readBigUInt64BE((small & 0x7fffffff) * 8))
}

export function oidAt(idx: PackIndex, i: number): string {
  return idx.oids.toString('hex', i * 20, i * 20 + 20)
}

interface Repo { packs: PackIndex[]; names: Set<string>; mtimeMs: number }

const repos = new Map<string, Repo>()

function packDir(gitdir: string): string {
  return join(gitdir, 'objects', 'pack')
}

/**
 * Load the indexes of packs not seen yet (and forget removed ones); returns whether anything changed.
 * Skipped while the folder's mtime is unchanged (a miss on a new object is the common case when
 * writing); a pack added within one mtime tick is found by the caller's fallback (isomorphic-git).
 */
function refresh(gitdir: string, repo: Repo, force = false): boolean {
  let mtimeMs = -1
  try {
    mtimeMs = statSync(packDir(gitdir)).mtimeMs
  } catch { /* no pack folder */ }
  if (!force && mtimeMs === repo.mtimeMs) return false
  repo.mtimeMs = mtimeMs
  let names: string[]
  try {
    names = readdirSync(packDir(gitdir)).filter((n) => n.startsWith('pack-') && n.endsWith('.idx')).map((n) => n.slice(0, -4))
  } catch {
    names = []
  }
  const now = new Set(names)
  let changed = false
  for (const name of names) {
    if (repo.names.has(name)) continue
    try {
      repo.packs.push(loadIndex(join(packDir(gitdir), name)))
      repo.names.add(name)
      changed = true
    } catch { /* removed meanwhile, or being written */ }
  }
  const kept = repo.packs.filter((p) => now.has(p.base.slice(p.base.lastIndexOf('/') + 1)))
  if (kept.length !== repo.packs.length) {
    repo.packs = kept
    repo.names = new Set([...repo.names].filter((n) => now.has(n)))
    changed = true
  }
  return changed
}

function repoOf(gitdir: string): Repo {
  let repo = repos.get(gitdir)
  if (!repo) {
    repo = { packs: [], names: new Set(), mtimeMs: -2 }
    refresh(gitdir, repo)
    repos.set(gitdir, repo)
  }
  return repo
}

function locate(gitdir: string, oid: string): { idx: PackIndex; offset: number } | undefined {
  const key = Buffer.from(oid, 'hex')
  const repo = repoOf(gitdir)
  for (let attempt = 0; attempt < 2; attempt++) {
    for (const idx of repo.packs) {
      const offset = findOffset(idx, key)
      if (offset >= 0) return { idx, offset }
    }
    if (attempt === 0 && !refresh(gitdir, repo)) return undefined
  }
  return undefined
}

export function hasPacked(gitdir: string, oid: string): boolean {
  return locate(gitdir, oid) !== undefined
}

/** An object from the repository's packs, or undefined when no pack has it. */
export function readPacked(gitdir: string, oid: string): { type: PackedType; content: Buffer } | undefined {
  for (let attempt = 0; attempt < 2; attempt++) {
    const found = locate(gitdir, oid)
    if (!found) return undefined
    try {
      return readAt(gitdir, found.idx, found.offset)
    } catch (error) {
      // A pack combined into another and removed by a gc of another process: look again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw error
      refresh(gitdir, repoOf(gitdir), true)
    }
  }
  return undefined
}

/** Read the entry at an offset of one pack, resolving deltas. */
export function readAt(gitdir: string, idx: PackIndex, offset: number): { type: PackedType; content: Buffer } {
  const fd = openSync(`${idx.base}.pack`, 'r')
  try {
    return readEntry(gitdir, { fd, size: fstatSync(fd).size, name: idx.base }, offset, 0)
  } finally {
    closeSync(fd)
  }
}

interface OpenPack { fd: number; size: number; name: string }

/**
 * Delta bases already resolved, by pack and offset: walking history reads commits and trees whose
 * delta chains share their bases, and without this each read would resolve its whole chain again.
 * Bounded; cleared whole when full.
 */
const bases = new Map<string, { type: PackedType; content: Buffer }>()
let baseBytes = 0
const BASE_CACHE_BYTES = 32 << 20

function readBase(gitdir: string, pack: OpenPack, offset: number, depth: number): { type: PackedType; content: Buffer } {
  const key = `${pack.name}:${offset}`
  const hit = bases.get(key)
  if (hit) return hit
  const entry = readEntry(gitdir, pack, offset, depth)
  if (entry.content.length <= BASE_CACHE_BYTES / 16) {
    if (baseBytes + entry.content.length > BASE_CACHE_BYTES) {
      bases.clear()
      baseBytes = 0
    }
    bases.set(key, entry)
    baseBytes += entry.content.length
  }
  return entry
}

const MAX_DEPTH = 4096

function readEntry(gitdir: string, pack: OpenPack, offset: number, depth: number): { type: PackedType; content: Buffer } {
  if (depth > MAX_DEPTH) throw new Error('pack delta chain too deep')
  const { fd, size: fileSize } = pack
  const head = Buffer.alloc(Math.min(64, fileSize - offset))
  readSync(fd, head, 0, head.length, offset)
  let at = 0
  let byte = head[at++]
  const type = (byte >> 4) & 7
  let size = byte & 15
  let shift = 16
  while (byte & 0x80) {
    byte = head[at++]
    size += (byte & 0x7f) * shift
    shift *= 128
  }
  let baseOffset = -1
  let baseOid = ''
  if (type === OFS_DELTA) {
    byte = head[at++]
    let rel = byte & 0x7f
    while (byte & 0x80) {
      byte = head[at++]
      rel = (rel + 1) * 128 + (byte & 0x7f)
    }
    baseOffset = offset - rel
  } else if (type === REF_DELTA) {
    baseOid = head.toString('hex', at, at + 20)
    at += 20
  }
  const data = inflateAt(fd, fileSize, offset + at, size)
  if (type === OFS_DELTA || type === REF_DELTA) {
    const base = type === OFS_DELTA ? readBase(gitdir, pack, baseOffset, depth + 1) : readPackedOrThrow(gitdir, baseOid)
    return { type: base.type, content: applyDelta(base.content, data) }
  }
  const name = TYPE_NAMES[type]
  if (!name) throw new Error(`pack entry at ${offset} has unknown type ${type}`)
  return { type: name, content: data }
}

function readPackedOrThrow(gitdir: string, oid: string): { type: PackedType; content: Buffer } {
  const found = readPacked(gitdir, oid)
  if (!found) throw new Error(`delta base ${oid} is missing from the packs`)
  return found
}

/** Inflate the zlib stream at an offset, knowing its inflated size (deflate grows data by at most ~0.03% + a few bytes). */
function inflateAt(fd: number, fileSize: number, at: number, size: number): Buffer {
  let want = size + Math.ceil(size / 16000) * 5 + 64
  for (;;) {
    const n = Math.min(want, fileSize - at)
    const chunk = Buffer.alloc(n)
    readSync(fd, chunk, 0, n, at)
    try {
      const out = inflateSync(chunk)
      if (out.length !== size) throw new Error(`pack entry at ${at} inflates to ${out.length} bytes, expected ${size}`)
      return out
    } catch (error) {
      if ((error as { code?: string }).code !== 'Z_BUF_ERROR' || n >= fileSize - at) throw error
      want *= 2
    }
  }
}
