import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { hashObject, writeObject } from '../../src/backends/git/objects.js'
import { applyDelta, createDelta, indexBase } from '../../src/backends/git/pack-delta.js'
import { readPacked } from '../../src/backends/git/pack-read.js'
import { packRepository } from '../../src/backends/git/pack-repo.js'
import { writePack, type PackObject } from '../../src/backends/git/pack-write.js'

/** The pack format against native git: packs padre writes are verified and read by git, packs git writes are read by padre. */

function git(dir: string, ...args: string[]): { status: number; out: Buffer; text: string } {
  const r = spawnSync('git', ['-C', dir, ...args], { maxBuffer: 1 << 28 })
  return { status: r.status ?? -1, out: r.stdout, text: `${r.stdout}${r.stderr}` }
}

function newRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'padre-pack-'))
  expect(git(dir, 'init', '-q', '-b', 'main').status).toBe(0)
  return dir
}

function allObjects(dir: string): string[] {
  return git(dir, 'cat-file', '--batch-all-objects', '--batch-check=%(objectname)').out.toString().trim().split('\n').filter(Boolean)
}

/** Blobs that look like padre's records: JSON that grows and shares most of its bytes. */
function recordLike(i: number): Buffer {
  const rows = Array.from({ length: 20 + i * 7 }, (_, r) => ({ index: r, truth: r % 3, predicted: (r * i) % 3 }))
  return Buffer.from(JSON.stringify({ schemaVersion: 1, split: i, rows }, null, 2))
}

describe('git deltas', () => {
  it('applying a created delta gives the target back, for any base and edited target', () => {
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), insert: fc.uint8Array({ maxLength: 40 }) })
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 3000 }), fc.array(edit, { maxLength: 6 }), (base, edits) => {
      let target = Buffer.from(base)
      for (const e of edits) {
        const at = target.length ? e.at % target.length : 0
        target = Buffer.concat([target.subarray(0, at), Buffer.from(e.insert), target.subarray(at + e.cut)])
      }
      const delta = createDelta(indexBase(base), target, Number.MAX_SAFE_INTEGER)!
      expect(applyDelta(base, delta).equals(target)).toBe(true)
    }), { numRuns: 300 })
  })

  it('a delta of a tree that gained one entry is a small fraction of the tree', () => {
    const base = Buffer.concat(Array.from({ length: 500 }, (_, i) => Buffer.concat([Buffer.from(`40000 run-${String(i).padStart(4, '0')}\0`), hashObject('blob', Buffer.from(String(i))).raw.subarray(0, 20)])))
    const target = Buffer.concat([base.subarray(0, 12_000), Buffer.from('40000 run-extra\0'), Buffer.alloc(20, 7), base.subarray(12_000)])
    const delta = createDelta(indexBase(base), target, target.length)!
    expect(delta.length).toBeLessThan(target.length / 100)
    expect(applyDelta(base, delta).equals(target)).toBe(true)
  })

  it('one changed byte in a long, repetitive file costs a few bytes of delta, not a copy per repeated block', () => {
    const base = recordLike(150)
    const target = Buffer.from(base)
    target[40_000] = 0x41
    const delta = createDelta(indexBase(base), target, target.length)!
    expect(delta.length).toBeLessThan(32)
    expect(applyDelta(base, delta).equals(target)).toBe(true)
  })
})

describe('packs padre writes', () => {
  it('pass git verify-pack and fsck, and git and padre read every object back', () => {
    const dir = newRepo()
    const gitdir = join(dir, '.git')
    const objects: PackObject[] = []
    for (let i = 0; i < 60; i++) {
      const content = i % 5 === 0 ? Buffer.from(`small ${i}`) : recordLike(i)
      objects.push({ oid: hashObject('blob', content).oid, type: 'blob', content })
    }
    const written = writePack(gitdir, objects)
    expect(written.count).toBe(60)
    const verify = git(dir, 'verify-pack', '-v', join(gitdir, 'objects', 'pack', `${written.name}.idx`))
    expect(verify.status).toBe(0)
    expect(verify.text).toMatch(/chain length = /) // deltas were made
    for (const o of objects) {
      expect(git(dir, 'cat-file', 'blob', o.oid).out.equals(o.content)).toBe(true)
      expect(readPacked(gitdir, o.oid)).toEqual({ type: 'blob', content: o.content })
    }
    expect(git(dir, 'fsck', '--full', '--strict', '--no-dangling').status).toBe(0)
  })

  it('packRepository packs a native git history: fsck clean, log and files identical, nothing loose, isomorphic-git reads it', async () => {
    const dir = newRepo()
    for (let i = 0; i < 25; i++) {
      mkdirSync(join(dir, 'runs', String(i)), { recursive: true })
      writeFileSync(join(dir, 'runs', String(i), 'results.json'), recordLike(i))
      expect(git(dir, 'add', '-A').status).toBe(0)
      expect(git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', `run ${i}`).status).toBe(0)
    }
    const before = allObjects(dir).map((oid) => [oid, git(dir, 'cat-file', '-p', oid).out.toString('base64')])
    const log = git(dir, 'log', '--stat').text
    const result = await packRepository(dir, { removeEmptyFolders: true })
    expect(result.looseBefore).toBe(before.length)
    expect(result.looseAfter).toBe(0)
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore / 5)
    expect(git(dir, 'fsck', '--full', '--strict', '--no-dangling').text).toBe('')
    expect(git(dir, 'count-objects', '-v').text).toMatch(/^count: 0$/m)
    expect(git(dir, 'log', '--stat').text).toBe(log)
    expect(allObjects(dir).map((oid) => [oid, git(dir, 'cat-file', '-p', oid).out.toString('base64')])).toEqual(before)
    expect(git(dir, 'status', '--porcelain').text).toBe('')
    // isomorphic-git (which pushes and fetches) reads the pack too.
    const iso = await import('isomorphic-git')
    const fs = await import('node:fs')
    for (const [oid] of before.slice(0, 40)) {
      const read = await iso.readObject({ fs, gitdir: join(dir, '.git'), oid, format: 'content' })
      expect(Buffer.from(read.object as Uint8Array).equals(git(dir, 'cat-file', read.type, oid).out)).toBe(true)
    }

    // New loose objects on top; a gc that combines packs keeps everything.
    writeObject(join(dir, '.git'), 'blob', Buffer.from('one more'))
    const again = await packRepository(dir, { maxPacks: 1 })
    expect(again.looseAfter).toBe(0)
    expect(again.packsAfter).toBe(1)
    expect(allObjects(dir)).toHaveLength(before.length + 1)
    expect(git(dir, 'fsck', '--full', '--strict', '--no-dangling').status).toBe(0)
  })
})

describe('combining packs', () => {
  it('past maxPacks packs (20 by default), automatic packing combines the small ones and leaves the big pack alone', async () => {
    const dir = newRepo()
    const gitdir = join(dir, '.git')
    const blob = (content: Buffer): PackObject => ({ oid: hashObject('blob', content).oid, type: 'blob', content })
    const bigObjects = Array.from({ length: 100 }, (_, i) => blob(recordLike(i % 10 + 1)))
      .map((o, i) => blob(Buffer.concat([o.content, Buffer.from(`object ${i}`)])))
    const big = writePack(gitdir, bigObjects)
    const all = bigObjects.map((o) => o.oid)
    for (let p = 0; p < 6; p++) {
      const small = [0, 1, 2].map((j) => blob(Buffer.from(`small pack ${p} object ${j}`)))
      writePack(gitdir, small)
      all.push(...small.map((o) => o.oid))
    }
    const result = await packRepository(dir, { maxPacks: 5 })
    expect(result.packsBefore).toBe(7)
    expect(result.packsAfter).toBe(2)
    expect(result.packed).toBe(18)
    expect(readdirSync(join(gitdir, 'objects', 'pack'))).toContain(`${big.name}.idx`)
    expect(allObjects(dir).sort()).toEqual([...all].sort())
    for (const oid of all) expect(readPacked(gitdir, oid)).toBeDefined()
    expect(git(dir, 'fsck', '--full', '--strict', '--no-dangling').status).toBe(0)
  })
})

describe('packs native git writes', () => {
  it('padre reads every object of a `git gc --aggressive` pack (deltas included) as git does', () => {
    const dir = newRepo()
    for (let i = 0; i < 20; i++) {
      writeFileSync(join(dir, `f${i % 4}.json`), recordLike(i))
      git(dir, 'add', '-A')
      git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', `c ${i}`)
    }
    expect(git(dir, 'gc', '-q', '--aggressive').status).toBe(0)
    const gitdir = join(dir, '.git')
    const idx = readdirSync(join(gitdir, 'objects', 'pack')).find((n) => n.endsWith('.idx'))!
    expect(git(dir, 'verify-pack', '-v', join(gitdir, 'objects', 'pack', idx)).text).toMatch(/chain length = /)
    const oids = allObjects(dir)
    expect(oids).toHaveLength(60)
    for (const oid of oids) {
      const type = git(dir, 'cat-file', '-t', oid).out.toString().trim()
      const read = readPacked(gitdir, oid)
      expect(read?.type).toBe(type)
      expect(read!.content.equals(git(dir, 'cat-file', type, oid).out)).toBe(true)
    }
  })
})
