import { closedPort } from '../helpers/closed-port.js'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalArtifactStore } from '../../src/backends/artifacts/local-store.js'
import { openRemote } from '../../src/backends/artifacts/open-remote.js'
import { remoteKey, type ArtifactRemote } from '../../src/backends/artifacts/remote.js'
import { pullRefs, pushRefs } from '../../src/backends/artifacts/transfer.js'
import type { ArtifactRef } from '../../src/core/artifacts/types.js'
import { BackendError, ConfigError } from '../../src/core/errors.js'
import { startS3Server, useS3Credentials, type S3Server } from '../helpers/s3-server.js'

let base: string
let s3: S3Server
let restore: () => void

beforeAll(async () => { s3 = await startS3Server() })
afterAll(async () => { await s3.close() })
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'padre-transfer-'))
  restore = useS3Credentials()
})
afterEach(() => {
  restore()
  rmSync(base, { recursive: true, force: true })
})

async function storeWith(n: number, producer = 'p1', path = 'model.json'): Promise<{ store: LocalArtifactStore; refs: ArtifactRef[] }> {
  const store = new LocalArtifactStore(join(base, 'local'))
  const refs: ArtifactRef[] = []
  for (let i = 0; i < n; i++) {
    const { sha256, size } = await store.put(Buffer.from(`{"artifact":${i},"producer":"${producer}"}`))
    refs.push({ path, sha256, size, producer: `${producer}-${i}` })
  }
  return { store, refs }
}

let bucketCounter = 0
const remotes: Record<string, () => Promise<ArtifactRemote>> = {
  directory: async () => {
    const dir = join(base, 'remote')
    mkdirSync(dir)
    return openRemote(dir)
  },
  s3: async () => openRemote(`s3://padre-test/run-${process.pid}-${++bucketCounter}`, { endpoint: s3.endpoint }),
}

describe.each(Object.keys(remotes))('%s remote', (kind) => {
  test('push, delete the local store, pull: every object back, verified', async () => {
    const remote = await remotes[kind]()
    const { store, refs } = await storeWith(5)
    const pushed = await pushRefs(store, remote, refs)
    expect(pushed).toMatchObject({ transferred: 5, present: 0, problems: [] })
    expect([...(await remote.keys())].sort()).toEqual(refs.map(remoteKey).sort())

    const before = await Promise.all(refs.map((r) => store.get(r.sha256)))
    rmSync(store.dir, { recursive: true })
    const fresh = new LocalArtifactStore(join(base, 'local'))
    const progress: number[] = []
    const pulled = await pullRefs(fresh, remote, refs, (done) => progress.push(done))
    expect(pulled).toMatchObject({ transferred: 5, present: 0, problems: [] })
    expect(progress).toEqual([1, 2, 3, 4, 5])
    expect(await Promise.all(refs.map((r) => fresh.get(r.sha256)))).toEqual(before)

    const again = await pullRefs(fresh, remote, refs)
    expect(again).toMatchObject({ transferred: 0, present: 5 })
  })

  test('a second push transfers nothing and replaces nothing', async () => {
    const remote = await remotes[kind]()
    const { store, refs } = await storeWith(3)
    await pushRefs(store, remote, refs)
    const keys = [...(await remote.keys())]
    const second = await pushRefs(store, remote, refs)
    expect(second).toMatchObject({ transferred: 0, present: 3, problems: [] })
    expect([...(await remote.keys())]).toEqual(keys)
    // put itself refuses an existing key, even with other bytes.
    expect(await remote.put(remoteKey(refs[0]), Buffer.from('other'))).toBe(false)
    expect((await remote.get(remoteKey(refs[0])))!.toString()).toContain('"artifact":0')
  })

  test('two producers of the same output path coexist', async () => {
    const remote = await remotes[kind]()
    const a = await storeWith(1, 'first')
    const b = await storeWith(1, 'second')
    await pushRefs(a.store, remote, a.refs)
    await pushRefs(b.store, remote, b.refs)
    const keys = [...(await remote.keys())].sort()
    expect(keys).toEqual([remoteKey(a.refs[0]), remoteKey(b.refs[0])].sort())
    expect(keys.every((k) => k.startsWith('model.json/'))).toBe(true)
  })

  test('a corrupted remote object is reported and not stored', async () => {
    const remote = await remotes[kind]()
    const { store, refs } = await storeWith(2)
    await pushRefs(store, remote, refs)
    const key = remoteKey(refs[0])
    const file = kind === 'directory' ? join(base, 'remote', ...key.split('/')) : s3.objectFile('padre-test', `${(remote as unknown as { options: { prefix: string } }).options.prefix}/${key}`)
    writeFileSync(file, readFileSync(file, 'utf8').replace('"artifact":0', '"artifact":9'))
    rmSync(store.dir, { recursive: true })
    const pulled = await pullRefs(store, remote, refs)
    expect(pulled.transferred).toBe(1)
    expect(pulled.problems).toHaveLength(1)
    expect(pulled.problems[0]).toMatchObject({ problem: 'corrupted', key })
    expect(pulled.problems[0].detail).toMatch(/is corrupted .*not used/)
    expect(store.has(refs[0].sha256)).toBe(false)
    expect(store.has(refs[1].sha256)).toBe(true)
  })

  test('an artifact referenced but nowhere is reported by push and pull', async () => {
    const remote = await remotes[kind]()
    const { store, refs } = await storeWith(1)
    const ghost: ArtifactRef = { path: 'out/a b.csv', sha256: 'a'.repeat(64), size: 3, producer: 'ghost' }
    const pushed = await pushRefs(store, remote, [...refs, ghost])
    expect(pushed.transferred).toBe(1)
    expect(pushed.problems).toEqual([expect.objectContaining({ problem: 'missing', key: `out%2Fa%20b.csv/ghost/${'a'.repeat(64)}` })])
    const pulled = await pullRefs(store, remote, [...refs, ghost])
    expect(pulled.problems).toEqual([expect.objectContaining({ problem: 'missing' })])
    expect(await store.list()).toEqual([refs[0].sha256])
  })
})

test('directory remote: no temp file is left and objects appear by link', async () => {
  const remote = await remotes.directory()
  const { store, refs } = await storeWith(20)
  await pushRefs(store, remote, refs)
  const files: string[] = []
  const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else files.push(f) } }
  walk(join(base, 'remote'))
  expect(files).toHaveLength(20)
  expect(files.every((f) => /^[0-9a-f]{64}$/.test(f))).toBe(true)
})

test('directory remote: temp files a killed push left a day ago are removed by the next push, fresh ones kept', async () => {
  const remote = await remotes.directory()
  const { store, refs } = await storeWith(2)
  await pushRefs(store, remote, refs.slice(0, 1))
  const [path] = readdirSync(join(base, 'remote'))
  const [producer] = readdirSync(join(base, 'remote', path))
  const dir = join(base, 'remote', path, producer)
  const abandoned = join(dir, '.4242.1.tmp')
  const fresh = join(dir, '.4243.1.tmp')
  writeFileSync(abandoned, 'half an object')
  writeFileSync(fresh, 'an object being written')
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000)
  utimesSync(abandoned, twoDaysAgo, twoDaysAgo)
  await pushRefs(store, remote, refs)
  expect(existsSync(abandoned)).toBe(false)
  expect(existsSync(fresh)).toBe(true)
  expect(readdirSync(dir).filter((f) => /^[0-9a-f]{64}$/.test(f))).toHaveLength(1)
})

test('a directory remote that does not exist is one clear error', async () => {
  const remote = await openRemote(join(base, 'nowhere'))
  const { store, refs } = await storeWith(1)
  await expect(pushRefs(store, remote, refs)).rejects.toThrow(/does not exist: create it/)
  expect(existsSync(join(base, 'nowhere'))).toBe(false)
})

test('remote keys: the output path url-encoded (a leading dot too), then producer and content hash', () => {
  const h = 'b'.repeat(64)
  expect(remoteKey({ path: 'model.json', sha256: h, size: 1, producer: 'p' })).toBe(`model.json/p/${h}`)
  expect(remoteKey({ path: 'out/a b.csv', sha256: h, size: 1, producer: 'p' })).toBe(`out%2Fa%20b.csv/p/${h}`)
  expect(remoteKey({ path: '..', sha256: h, size: 1, producer: 'p' })).toBe(`%2E./p/${h}`)
  expect(remoteKey({ path: '.hidden', sha256: h, size: 1, producer: 'p' })).toBe(`%2Ehidden/p/${h}`)
  expect(() => remoteKey({ path: 'x', sha256: 'nothex', size: 1, producer: 'p' })).toThrow(/no valid SHA-256/)
  expect(() => remoteKey({ path: 'x', sha256: h, size: 1, producer: '../up' })).toThrow(/unusable producer/)
  expect(() => remoteKey({ path: '', sha256: h, size: 1, producer: 'p' })).toThrow(/empty path/)
})

describe('S3 faults', () => {
  test('an unreachable endpoint (a closed port)', async () => {
    const port = await closedPort()
    const remote = await openRemote('s3://padre-test/x', { endpoint: `http://127.0.0.1:${port}` })
    const { store, refs } = await storeWith(1)
    const error = await pushRefs(store, remote, refs).catch((e) => e)
    expect(error).toBeInstanceOf(BackendError)
    expect(error.message).toMatch(new RegExp(`cannot reach s3://padre-test/x \\(endpoint http://127.0.0.1:${port}\\) \\(ECONNREFUSED\\)`))
  })

  test('wrong credentials', async () => {
    restore()
    restore = useS3Credentials('WRONG', 'WRONGSECRET')
    const remote = await openRemote('s3://padre-test/x', { endpoint: s3.endpoint })
    const { store, refs } = await storeWith(1)
    const error = await pushRefs(store, remote, refs).catch((e) => e)
    expect(error).toBeInstanceOf(BackendError)
    expect(error.message).toMatch(/refused the credentials \(InvalidAccessKeyId\): check AWS_ACCESS_KEY_ID/)
  })

  test('no credentials at all', async () => {
    restore()
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, profile: process.env.AWS_PROFILE, home: process.env.HOME }
    delete process.env.AWS_ACCESS_KEY_ID
    delete process.env.AWS_SECRET_ACCESS_KEY
    delete process.env.AWS_PROFILE
    process.env.HOME = base
    restore = () => { Object.assign(process.env, Object.fromEntries(Object.entries({ AWS_ACCESS_KEY_ID: saved.id, AWS_SECRET_ACCESS_KEY: saved.secret, AWS_PROFILE: saved.profile, HOME: saved.home }).filter(([, v]) => v !== undefined))) }
    const remote = await openRemote('s3://padre-test/x', { endpoint: s3.endpoint })
    const error = await remote.keys().catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(/no AWS credentials for s3:\/\/padre-test\/x: set AWS_ACCESS_KEY_ID/)
  })

  test('a bucket that does not exist', async () => {
    const remote = await openRemote('s3://no-such-bucket/x', { endpoint: s3.endpoint })
    const { store, refs } = await storeWith(1)
    await expect(pushRefs(store, remote, refs)).rejects.toThrow(/bucket 'no-such-bucket' does not exist at .*: create it or fix the remote's url/)
    await expect(pullRefs(new LocalArtifactStore(join(base, 'other')), remote, refs)).rejects.toThrow(/bucket 'no-such-bucket' does not exist/)
  })
})

