import { createHash, randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { createDelta, indexBase, type DeltaIndex } from './pack-delta.js'
import { pauseAt } from './pack-hook.js'
import { OFS_DELTA, TYPE_CODES, type PackedType } from './pack-read.js'

/**
 * Writing a git pack (version 2) and its .idx (version 2) without native git or isomorphic-git.
 * Objects are sorted by type and size (largest first, as git does) and each is stored as a delta
 * against one of the previous WINDOW objects of its type when that is at most half its size:
 * padre's trees grow by one entry per run and results files share most bytes, so deltas are where
 * the space goes. Crash order: both files are written and fsynced under temporary names, the pack
 * is renamed into place, then its index (git ignores a pack without one), then the folder is fsynced.
 */

export interface PackObject { oid: string; type: PackedType; content: Buffer }

export interface WrittenPack { name: string; count: number; bytes: number }

const WINDOW = 10
const MAX_DEPTH = 50
const MIN_DELTA_SIZE = 64
export const TEMP_PREFIX = 'padre_tmp_'

function entryHeader(type: number, size: number): number[] {
  const out: number[] = []
  let byte = (type << 4) | (size & 15)
  let rest = Math.floor(size / 16)
  while (rest > 0) {
    out.push(byte | 0x80)
    byte = rest & 0x7f
    rest = Math.floor(rest / 128)
  }
  out.push(byte)
  return out
}

function ofsBytes(rel: number): number[] {
  const out = [rel & 0x7f]
  rel = Math.floor(rel / 128)
  while (rel > 0) {
    rel--
    out.unshift(0x80 | (rel & 0x7f))
    rel = Math.floor(rel / 128)
  }
  return out
}

class Sink {
  private readonly hash = createHash('sha1')
  private readonly parts: Buffer[] = []
  private buffered = 0
  offset = 0
  constructor(private readonly fd: number) {}
  write(buf: Buffer): void {
    this.hash.update(buf)
    this.parts.push(buf)
    this.buffered += buf.length
    this.offset += buf.length
    if (this.buffered >= 1 << 20) this.flush()
  }
  flush(): void {
    if (!this.buffered) return
    writeSync(this.fd, Buffer.concat(this.parts))
    this.parts.length = 0
    this.buffered = 0
  }
  finish(): Buffer {
    const sum = this.hash.digest()
    this.parts.push(sum)
    this.buffered += sum.length
    this.flush()
    return sum
  }
}

/** Write the objects as one pack in `<gitdir>/objects/pack`; returns its name (pack-<checksum>). */
export function writePack(gitdir: string, objects: PackObject[], options: { deltas?: boolean } = {}): WrittenPack {
  const dir = join(gitdir, 'objects', 'pack')
  const tag = `${TEMP_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`
  const tempPack = join(dir, `${tag}.pack`)
  const tempIdx = join(dir, `${tag}.idx`)
  const sorted = [...objects].sort((a, b) => TYPE_CODES[a.type] - TYPE_CODES[b.type] || b.content.length - a.content.length)
  const entries: Array<{ oid: Buffer; offset: number; crc: number }> = []
  let packSum: Buffer
  let fd = openSync(tempPack, 'wx', 0o444)
  try {
    const sink = new Sink(fd)
    const header = Buffer.alloc(12)
    header.write('PACK', 0, 'latin1')
    header.writeUInt32BE(2, 4)
    header.writeUInt32BE(sorted.length, 8)
    sink.write(header)
    const window: Array<{ type: PackedType; index?: DeltaIndex; content: Buffer; offset: number; depth: number }> = []
    for (const obj of sorted) {
      const offset = sink.offset
      let best: { delta: Buffer; offset: number; depth: number } | undefined
      if (options.deltas !== false && obj.content.length >= MIN_DELTA_SIZE) {
        for (let k = window.length - 1; k >= 0; k--) {
          const base = window[k]
          if (base.type !== obj.type || base.depth >= MAX_DEPTH) continue
          const limit = best ? best.delta.length : Math.floor(obj.content.length / 2)
          base.index ??= indexBase(base.content)
          const delta = createDelta(base.index, obj.content, limit)
          if (delta) best = { delta, offset: base.offset, depth: base.depth + 1 }
        }
      }
      const head = best
        ? Buffer.from([...entryHeader(OFS_DELTA, best.delta.length), ...ofsBytes(offset - best.offset)])
        : Buffer.from(entryHeader(TYPE_CODES[obj.type], obj.content.length))
      const body = deflateSync(best ? best.delta : obj.content)
      sink.write(head)
      sink.write(body)
      entries.push({ oid: Buffer.from(obj.oid, 'hex'), offset, crc: crc32(body, crc32(head)) })
      window.push({ type: obj.type, content: obj.content, offset, depth: best ? best.depth : 0 })
      if (window.length > WINDOW) window.shift()
    }
    packSum = sink.finish()
    fsyncSync(fd)
    closeSync(fd)
    fd = -1

    fd = openSync(tempIdx, 'wx', 0o444)
    writeSync(fd, buildIndex(entries, packSum))
    fsyncSync(fd)
    closeSync(fd)
    fd = -1
    pauseAt('written')

    const name = `pack-${packSum.toString('hex')}`
    renameSync(tempPack, join(dir, `${name}.pack`))
    pauseAt('pack-renamed')
    renameSync(tempIdx, join(dir, `${name}.idx`))
    fsyncDir(dir)
    pauseAt('idx-renamed')
    return { name, count: sorted.length, bytes: sink.offset + 20 }
  } catch (error) {
    if (fd >= 0) closeSync(fd)
    for (const file of [tempPack, tempIdx]) try { unlinkSync(file) } catch { /* not there */ }
    throw error
  }
}

function buildIndex(entries: Array<{ oid: Buffer; offset: number; crc: number }>, packSum: Buffer): Buffer {
  const sorted = [...entries].sort((a, b) => a.oid.compare(b.oid))
  const n = sorted.length
  const large = sorted.filter((e) => e.offset >= 0x80000000)
  const buf = Buffer.alloc(8 + 1024 + n * 28 + large.length * 8 + 40)
  buf.writeUInt32BE(0xff744f63, 0)
  buf.writeUInt32BE(2, 4)
  const counts = new Uint32Array(256)
  for (const e of sorted) counts[e.oid[0]]++
  for (let i = 0, total = 0; i < 256; i++) {
    total += counts[i]
    buf.writeUInt32BE(total, 8 + i * 4)
  }
  let at = 8 + 1024
  for (const e of sorted) { e.oid.copy(buf, at); at += 20 }
  for (const e of sorted) { buf.writeUInt32BE(e.crc >>> 0, at); at += 4 }
  let li = 0
  for (const e of sorted) {
    buf.writeUInt32BE(e.offset >= 0x80000000 ? (0x80000000 | li++) >>> 0 : e.offset, at)
    at += 4
  }
  for (const e of large) { buf.writeBigUInt64BE(BigInt(e.offset), at); at += 8 }
  packSum.copy(buf, at)
  at += 20
  createHash('sha1').update(buf.subarray(0, at)).digest().copy(buf, at)
  return buf
}

export function fsyncDir(dir: string): void {
  let fd = -1
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch { /* not every platform can fsync a folder */ } finally {
    if (fd >= 0) closeSync(fd)
  }
}
