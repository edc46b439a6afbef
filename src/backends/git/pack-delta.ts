/**
 * git's delta format (the payload of OFS_DELTA / REF_DELTA pack entries): the base size and the
 * result size as little-endian base-128 varints, then instructions: a byte with the high bit set
 * copies a range of the base (bits 0-3 say which offset bytes follow, bits 4-6 which size bytes; a
 * size of 0 means 0x10000), a byte 1..127 inserts that many literal bytes that follow it.
 */

const BLOCK = 16
const MAX_INSERT = 127
const MAX_COPY = 0xffffff
/** B^(BLOCK-1) for the rolling hash below, mod 2^32. */
const BASE = 257
const TOP = (() => {
  let p = 1
  for (let i = 0; i < BLOCK - 1; i++) p = Math.imul(p, BASE)
  return p >>> 0
})()

function hashAt(buf: Uint8Array, at: number): number {
  let h = 0
  for (let i = 0; i < BLOCK; i++) h = (Math.imul(h, BASE) + buf[at + i]) >>> 0
  return h
}

/** Where each 16-byte block of a base starts, by hash (a small open table). Build once per base, reuse for many targets. */
export interface DeltaIndex { base: Uint8Array; table: Int32Array; mask: number }

export function indexBase(base: Uint8Array): DeltaIndex {
  const blocks = Math.floor(base.length / BLOCK)
  let size = 16
  while (size < blocks * 2) size <<= 1
  const table = new Int32Array(size).fill(-1)
  const mask = size - 1
  // Later blocks win: runs of identical blocks then point at the end, which extends furthest.
  for (let p = 0; p + BLOCK <= base.length; p += BLOCK) table[hashAt(base, p) & mask] = p
  return { base, table, mask }
}

function varint(n: number, out: number[]): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80)
    n = Math.floor(n / 128)
  }
  out.push(n)
}

/**
 * A delta that turns the indexed base into target, or undefined when it would not be smaller than
 * maxSize bytes (then the object is better stored whole).
 */
export function createDelta(index: DeltaIndex, target: Uint8Array, maxSize: number): Buffer | undefined {
  const { base, table, mask } = index
  const out: number[] = []
  varint(base.length, out)
  varint(target.length, out)
  let insertFrom = 0 // target bytes [insertFrom, i) are waiting to be inserted
  const flushInsert = (to: number) => {
    while (insertFrom < to) {
      const n = Math.min(MAX_INSERT, to - insertFrom)
      out.push(n)
      for (let k = 0; k < n; k++) out.push(target[insertFrom + k])
      insertFrom += n
    }
  }
  let i = 0
  let h = target.length >= BLOCK ? hashAt(target, 0) : 0
  // Where the base would continue after the last copy: tried first, so that a small edit in a long
  // run of equal bytes costs one insert and one more copy, not a copy per repeated block.
  let resume = 0
  while (i + BLOCK <= target.length) {
    if (out.length > maxSize) return undefined
    const aligned = resume + (i - insertFrom)
    const candidate = aligned + BLOCK <= base.length && sameBlock(base, aligned, target, i) ? aligned : table[h & mask]
    if (candidate >= 0 && sameBlock(base, candidate, target, i)) {
      let start = i
      let from = candidate
      while (start > insertFrom && from > 0 && base[from - 1] === target[start - 1]) {
        start--
        from--
      }
      let end = i + BLOCK
      let baseEnd = candidate + BLOCK
      while (end < target.length && baseEnd < base.length && base[baseEnd] === target[end]) {
        end++
        baseEnd++
      }
      flushInsert(start)
      for (let at = from, left = end - start; left > 0;) {
        const n = Math.min(MAX_COPY, left)
        copy(at, n, out)
        at += n
        left -= n
      }
      insertFrom = end
      resume = baseEnd
      i = end
      if (i + BLOCK <= target.length) h = hashAt(target, i)
      continue
    }
    if (i + BLOCK < target.length) h = (Math.imul((h - Math.imul(target[i], TOP)) >>> 0, BASE) + target[i + BLOCK]) >>> 0
    i++
  }
  flushInsert(target.length)
  return out.length >= maxSize ? undefined : Buffer.from(out)
}

function sameBlock(a: Uint8Array, ai: number, b: Uint8Array, bi: number): boolean {
  for (let k = 0; k < BLOCK; k++) if (a[ai + k] !== b[bi + k]) return false
  return true
}

function copy(offset: number, size: number, out: number[]): void {
  const at = out.length
  out.push(0x80)
  let flags = 0x80
  for (let b = 0; b < 4; b++) {
    const byte = Math.floor(offset / 2 ** (8 * b)) & 0xff
    if (byte) { flags |= 1 << b; out.push(byte) }
  }
  for (let b = 0; b < 3; b++) {
    const byte = (size >>> (8 * b)) & 0xff
    if (byte) { flags |= 0x10 << b; out.push(byte) }
  }
  out[at] = flags
}

function readVarint(delta: Uint8Array, pos: { at: number }): number {
  let n = 0
  let shift = 1
  for (;;) {
    const byte = delta[pos.at++]
    n += (byte & 0x7f) * shift
    shift *= 128
    if (!(byte & 0x80)) return n
  }
}

export function applyDelta(base: Uint8Array, delta: Uint8Array): Buffer {
  const pos = { at: 0 }
  const baseSize = readVarint(delta, pos)
  if (baseSize !== base.length) throw new Error(`delta expects a base of ${baseSize} bytes, got ${base.length}`)
  const size = readVarint(delta, pos)
  const out = Buffer.allocUnsafe(size)
  let o = 0
  while (pos.at < delta.length) {
    const op = delta[pos.at++]
    if (op & 0x80) {
      let offset = 0
      let n = 0
      for (let b = 0; b < 4; b++) if (op & (1 << b)) offset += delta[pos.at++] * 2 ** (8 * b)
      for (let b = 0; b < 3; b++) if (op & (0x10 << b)) n |= delta[pos.at++] << (8 * b)
      if (n === 0) n = 0x10000
      if (offset + n > base.length || o + n > size) throw new Error('delta copies past the end of its base or result')
      out.set(base.subarray(offset, offset + n), o)
      o += n
    } else if (op) {
      if (o + op > size || pos.at + op > delta.length) throw new Error('delta inserts past the end of its result')
      out.set(delta.subarray(pos.at, pos.at + op), o)
      o += op
      pos.at += op
    } else {
      throw new Error('delta has a reserved instruction 0')
    }
  }
  if (o !== size) throw new Error(`delta result has ${o} bytes, expected ${size}`)
  return out
}
