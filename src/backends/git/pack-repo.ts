import { createHash } from 'node:crypto'
import { lstatSync, readFileSync, readdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { pauseAt } from './pack-hook.js'
import { hasPacked, loadIndex, oidAt, offsetAt, readAt, type PackedType } from './pack-read.js'
import { TEMP_PREFIX, fsyncDir, writePack, type PackObject } from './pack-write.js'
import { withRepoLock } from './repo-lock.js'
import type { RepositoryGc } from '../../core/services/gc.js'

/**
 * Packing a repository's loose objects (what `git gc` does for padre's repositories, without
 * native git): every loose object goes into a new pack, and only once the pack and its index are
 * in place and fsynced are the loose copies deleted. A kill at any point leaves every object
 * readable (at worst twice). Past MAX_PACKS packs the smaller packs are combined (geometricRollUp);
 * an explicit gc combines them all.
 */

/** What packing did to one repository (the fields of core's RepositoryGc but its name). */
export type PackResult = Omit<RepositoryGc, 'name'>

export interface PackOptions {
  /** Combine all packs into one when there are more than this many (explicit gc: 1). */
  maxPacks?: number
  /**
   * Remove the emptied objects/xx folders (explicit gc). Automatic packing keeps them: the next runs
   * fill them again, and removing 256 folders cost more than the packing itself on a busy disk.
   */
  removeEmptyFolders?: boolean
}

export const MAX_PACKS = 20
/** Objects per new pack are read into memory; past this many compressed bytes another pack is started. */
const BATCH_BYTES = 32 << 20
/** A pack without an index younger than this may belong to a native git that is writing it. */
const ORPHAN_AGE_MS = 60_000

const LOOSE_NAME = /^[0-9a-f]{38}$/

interface Loose { oid: string; file: string; size: number }

function objectsDir(dir: string): string {
  return join(dir, '.git', 'objects')
}

export function listLoose(gitdir: string): Loose[] {
  const out: Loose[] = []
  const objects = join(gitdir, 'objects')
  for (let i = 0; i < 256; i++) {
    const prefix = i.toString(16).padStart(2, '0')
    let names: string[]
    try {
      names = readdirSync(join(objects, prefix))
    } catch {
      continue
    }
    for (const name of names) {
      if (!LOOSE_NAME.test(name)) continue
      const file = join(objects, prefix, name)
      try {
        out.push({ oid: prefix + name, file, size: statSync(file).size })
      } catch { /* removed meanwhile */ }
    }
  }
  return out
}

function countIn(objects: string, prefix: string): number {
  try {
    let n = 0
    for (const name of readdirSync(join(objects, prefix))) if (name.length === 38 && !name.startsWith('tmp_')) n++
    return n
  } catch {
    return 0
  }
}

/**
 * How many loose objects there are, cheaply: 16 of the 256 folders (00, 11, … ff) times 16, as git
 * estimates from one folder; near the threshold (half of it or more) every folder is counted, so
 * the decision there is exact.
 */
export function looseAtLeast(gitdir: string, threshold: number): boolean {
  const objects = join(gitdir, 'objects')
  let sample = 0
  for (let i = 0; i < 16; i++) sample += countIn(objects, (i * 17).toString(16).padStart(2, '0'))
  if (sample * 16 < threshold / 2) return false
  let total = 0
  for (let i = 0; i < 256; i++) {
    total += countIn(objects, i.toString(16).padStart(2, '0'))
    if (total >= threshold) return true
  }
  return false
}

function packNames(gitdir: string): string[] {
  try {
    return readdirSync(join(gitdir, 'objects', 'pack')).filter((n) => n.startsWith('pack-') && n.endsWith('.idx')).map((n) => n.slice(0, -4))
  } catch {
    return []
  }
}

export function diskUse(path: string): number {
  let st
  try {
    st = lstatSync(path)
  } catch {
    return 0
  }
  if (!st.isDirectory()) return st.blocks * 512
  let total = st.blocks * 512
  for (const name of readdirSync(path)) total += diskUse(join(path, name))
  return total
}

/** Read and check a loose object; undefined when it is unreadable or its content does not match its name. */
function readLoose(entry: Loose): PackObject | undefined {
  try {
    const raw = inflateSync(readFileSync(entry.file))
    if (createHash('sha1').update(raw).digest('hex') !== entry.oid) return undefined
    const space = raw.indexOf(0x20)
    const nul = raw.indexOf(0, space)
    const type = raw.toString('latin1', 0, space) as PackedType
    if (!['commit', 'tree', 'blob', 'tag'].includes(type)) return undefined
    return { oid: entry.oid, type, content: raw.subarray(nul + 1) }
  } catch {
    return undefined
  }
}

/** Leftovers of a packing that was killed: our temp files, and a pack whose index was never renamed. */
function removeLeftovers(gitdir: string): void {
  const dir = join(gitdir, 'objects', 'pack')
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const file = join(dir, name)
    try {
      if (name.startsWith(TEMP_PREFIX)) unlinkSync(file)
      else if (name.startsWith('pack-') && name.endsWith('.pack') && !names.includes(`${name.slice(0, -5)}.idx`) &&
        Date.now() - statSync(file).mtimeMs > ORPHAN_AGE_MS) unlinkSync(file)
    } catch { /* gone */ }
  }
}

function removeEmptyFolders(gitdir: string): void {
  const objects = join(gitdir, 'objects')
  for (let i = 0; i < 256; i++) {
    try { rmdirSync(join(objects, i.toString(16).padStart(2, '0'))) } catch { /* not empty, or absent */ }
  }
}

/** Pack a repository; the caller holds its lock (withRepoLock). */
export function packHeld(dir: string, options: PackOptions = {}): PackResult {
  const gitdir = join(dir, '.git')
  const maxPacks = options.maxPacks ?? MAX_PACKS
  removeLeftovers(gitdir)
  const bytesBefore = diskUse(objectsDir(dir))
  const packsBefore = packNames(gitdir).length
  const loose = listLoose(gitdir)
  let packed = 0
  const done: Loose[] = []

  // Batches of loose objects, each its own pack.
  let batch: PackObject[] = []
  let batchFiles: Loose[] = []
  let batchBytes = 0
  const flush = () => {
    if (batch.length) {
      writePack(gitdir, batch)
      packed += batch.length
    }
    done.push(...batchFiles)
    batch = []
    batchFiles = []
    batchBytes = 0
  }
  for (const entry of loose) {
    if (hasPacked(gitdir, entry.oid)) {
      batchFiles.push(entry) // already in a pack: only the loose copy goes
      continue
    }
    const obj = readLoose(entry)
    if (!obj) continue // left as it is: fsck names it
    batch.push(obj)
    batchFiles.push(entry)
    batchBytes += entry.size
    if (batchBytes >= BATCH_BYTES) flush()
  }
  flush()

  const packs = packNames(gitdir)
  if (packs.length > maxPacks) packed += combine(gitdir, maxPacks <= 1 ? packs : geometricRollUp(gitdir, packs))

  // Only now, with every pack and index in place and fsynced, the loose copies go.
  for (let i = 0; i < done.length; i++) {
    if (i === Math.floor(done.length / 2)) pauseAt('deleting')
    try { unlinkSync(done[i].file) } catch { /* gone already */ }
  }
  if (options.removeEmptyFolders) removeEmptyFolders(gitdir)
  return {
    repository: dir,
    looseBefore: loose.length,
    packed,
    looseAfter: listLoose(gitdir).length,
    packsBefore,
    packsAfter: packNames(gitdir).length,
    bytesBefore,
    bytesAfter: diskUse(objectsDir(dir)),
  }
}

/**
 * Which packs automatic packing combines: the smaller ones, up to the last pack (by size) that is
 * not at least twice all the smaller ones together, as git's geometric repack does. Big packs are
 * then rewritten rarely, so a combining round stays about as cheap as the rounds before it.
 */
export function geometricRollUp(gitdir: string, names: string[]): string[] {
  const dir = join(gitdir, 'objects', 'pack')
  const sized = names.map((name) => {
    try {
      return { name, size: statSync(join(dir, `${name}.pack`)).size }
    } catch {
      return { name, size: 0 }
    }
  }).sort((a, b) => a.size - b.size)
  let cut = -1
  let smaller = 0
  for (let k = 0; k < sized.length; k++) {
    if (k > 0 && sized[k].size < 2 * smaller) cut = k
    smaller += sized[k].size
  }
  if (cut < 1) cut = sized.length - 2 // already geometric: all but the largest
  return sized.slice(0, cut + 1).map((s) => s.name)
}

/** Every object of the given packs into one new pack; then the old ones go (index first). */
function combine(gitdir: string, names: string[]): number {
  const dir = join(gitdir, 'objects', 'pack')
  const objects = new Map<string, PackObject>()
  for (const name of names) {
    const idx = loadIndex(join(dir, name))
    for (let i = 0; i < idx.count; i++) {
      const oid = oidAt(idx, i)
      if (objects.has(oid)) continue
      const { type, content } = readAt(gitdir, idx, offsetAt(idx, i))
      objects.set(oid, { oid, type, content })
    }
  }
  const written = writePack(gitdir, [...objects.values()])
  for (const name of names) {
    if (name === written.name) continue
    try { unlinkSync(join(dir, `${name}.idx`)) } catch { /* gone */ }
    try { unlinkSync(join(dir, `${name}.pack`)) } catch { /* gone */ }
  }
  fsyncDir(dir)
  return written.count
}

export function packRepository(dir: string, options: PackOptions = {}): Promise<PackResult> {
  return withRepoLock(dir, () => packHeld(dir, options))
}

/** After a commit, under the repository's lock: pack when the loose objects reach the threshold (0: never). */
export function autoPackHeld(dir: string, threshold: number): PackResult | undefined {
  if (!(threshold > 0) || !looseAtLeast(join(dir, '.git'), threshold)) return undefined
  return packHeld(dir)
}
