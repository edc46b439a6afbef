import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseRemoteUrl } from '../../src/core/artifacts/remote-url.js'
import { loadConfig } from '../../src/core/config/load.js'
import { parseConfig } from '../../src/core/config/parse.js'
import { removeConfigSection } from '../../src/core/config/sections.js'
import { ConfigError } from '../../src/core/errors.js'
import { addArtifactRemote, listArtifactRemotes, removeArtifactRemote, resolveArtifactRemote } from '../../src/core/services/artifact-remotes.js'
import { assertOnline, assertQueueAllowed, offlineReason } from '../../src/core/services/offline.js'

let dir: string
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'padre-offline-')) })
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function config(text: string) {
  const file = join(dir, 'padre.cfg')
  writeFileSync(file, text)
  return loadConfig(file)
}

describe('offline', () => {
  test('flag, then environment, then config; nothing set means online', async () => {
    const online = await config('')
    expect(offlineReason(online, { env: {} })).toBeUndefined()
    expect(() => assertOnline(online, 'x', { env: {} })).not.toThrow()
    expect(offlineReason(online, { env: { PADRE_OFFLINE: '0' } })).toBeUndefined()
    expect(offlineReason(online, { env: { PADRE_OFFLINE: 'false' } })).toBeUndefined()
    expect(offlineReason(online, { env: { PADRE_OFFLINE: '1' } })?.source).toBe('PADRE_OFFLINE=1')
    expect(offlineReason(online, { offline: true, env: { PADRE_OFFLINE: '1' } })?.source).toBe('--offline')
    const off = await config('[GENERAL]\noffline = true\n')
    expect(offlineReason(off, { env: {} })?.source).toMatch(/^\[GENERAL\] offline = true in /)
    expect(() => assertOnline(off, 'artifact push', { env: {} })).toThrow(ConfigError)
    expect(() => assertOnline(off, 'artifact push', { env: {} })).toThrow(/^padre is offline \(\[GENERAL\] offline = true in .*\): artifact push needs a remote; run 'padre config set offline false' to go online\.$/)
  })

  test('a queue on this machine stays usable offline; one elsewhere is refused without its password', async () => {
    const off = await config('[GENERAL]\noffline = true\n')
    for (const url of ['redis://127.0.0.1:6379', 'redis://localhost:6379/0', 'redis://[::1]:6379', 'redis://127.4.5.6:1', 'unix:///run/redis.sock']) {
      expect(() => assertQueueAllowed(off, url, { env: {} })).not.toThrow()
    }
    for (const url of ['redis://queue.example:6379', 'rediss://10.0.0.7:6380', 'redis://128.0.0.1:6379', 'not a url']) {
      expect(() => assertQueueAllowed(off, url, { env: {} })).toThrow(/^padre is offline .*: the queue .* needs a remote/)
    }
    expect(() => assertQueueAllowed(off, 'redis://:hunter2@queue.example:6379', { env: {} })).toThrow(/the queue redis:\/\/:\*\*\*@queue\.example:6379/)
    const online = await config('')
    expect(() => assertQueueAllowed(online, 'redis://queue.example:6379', { env: {} })).not.toThrow()
  })

  test('allow_artifact_pull_offline lets artifact pull through, nothing else', async () => {
    const off = await config('[GENERAL]\noffline = true\nallow_artifact_pull_offline = true\n')
    expect(() => assertOnline(off, 'artifact pull', { env: {}, artifactPull: true })).not.toThrow()
    expect(() => assertOnline(off, 'artifact push', { env: {} })).toThrow(/padre is offline/)
    const strict = await config('[GENERAL]\noffline = true\n')
    expect(() => assertOnline(strict, 'artifact pull', { env: {}, artifactPull: true })).toThrow(/allow_artifact_pull_offline = true to allow artifact pull only/)
    const bad = await config('[GENERAL]\nallow_artifact_pull_offline = maybe\n')
    expect(() => assertOnline(bad, 'artifact pull', { env: { PADRE_OFFLINE: '1' }, artifactPull: true })).toThrow(/allow_artifact_pull_offline must be true or false, not 'maybe'/)
  })
})

describe('artifact remotes in the config', () => {
  test('[ARTIFACT REMOTE <name>] sections parse; unknown keys in them are named', () => {
    expect(parseConfig('[ARTIFACT REMOTE origin]\nurl = /x\nendpoint = http://h:1\n', 'f')).toEqual({ values: { 'ARTIFACT REMOTE origin': { url: '/x', endpoint: 'http://h:1' } }, errors: [] })
    expect(parseConfig('[ARTIFACT REMOTE origin]\nurll = /x\n', 'f').errors).toEqual(["f:2: unknown key 'urll' in [ARTIFACT REMOTE origin] (known: url, endpoint, region)"])
    expect(parseConfig('[ARTIFACT REMOTE a.b]\n', 'f').errors[0]).toMatch(/unknown section \[ARTIFACT REMOTE a\.b\] \(known: .*\[ARTIFACT REMOTE <name>\]\)/)
  })

  test('add, resolve (the first is the default), remove; the rest of the file is kept', async () => {
    const file = join(dir, 'padre.cfg')
    writeFileSync(file, '# mine\n[LOCAL BACKEND]\nroot_dir = /r\n')
    await addArtifactRemote(await loadConfig(file), 'origin', 's3://bucket/p', { endpoint: 'http://127.0.0.1:9000' })
    await addArtifactRemote(await loadConfig(file), 'disk', join(dir, 'remote'))
    const loaded = await loadConfig(file)
    expect(listArtifactRemotes(loaded).map((r) => r.name)).toEqual(['origin', 'disk'])
    expect(resolveArtifactRemote(loaded)).toEqual({ name: 'origin', url: 's3://bucket/p', endpoint: 'http://127.0.0.1:9000' })
    expect(resolveArtifactRemote(loaded, 'disk').url).toBe(join(dir, 'remote'))
    expect(() => resolveArtifactRemote(loaded, 'dsk')).toThrow(/Artifact remote 'dsk' not found. Did you mean 'disk'\?/)
    await removeArtifactRemote(loaded, 'origin')
    expect(readFileSync(file, 'utf8')).toBe(`# mine\n[LOCAL BACKEND]\nroot_dir = /r\n\n[ARTIFACT REMOTE disk]\nurl = ${join(dir, 'remote')}\n`)
    expect(() => resolveArtifactRemote({ ...loaded, values: {} })).toThrow(/No artifact remote is configured: run 'padre artifact remote add origin/)
  })

  test('a directory written by hand relative or with ~ resolves against the config file\'s folder or home', async () => {
    const loaded = await config('[ARTIFACT REMOTE a]\nurl = shared/artifacts\n[ARTIFACT REMOTE b]\nurl = ~/x\n[ARTIFACT REMOTE c]\nurl = s3://bucket/p\n')
    expect(listArtifactRemotes(loaded).map((r) => r.url)).toEqual([join(dir, 'shared', 'artifacts'), join(homedir(), 'x'), 's3://bucket/p'])
  })

  test('removeConfigSection keeps everything else', () => {
    expect(removeConfigSection('[A]\nx = 1\n[B]\ny = 2\n[C]\nz = 3\n', 'B')).toBe('[A]\nx = 1\n[C]\nz = 3\n')
    expect(removeConfigSection('[A]\nx = 1\n', 'A')).toBe('')
  })

  test('urls: s3://bucket/prefix or a directory', () => {
    expect(parseRemoteUrl('s3://my-bucket/a/b/')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: 'a/b' })
    expect(parseRemoteUrl('s3://my-bucket')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: '' })
    expect(parseRemoteUrl('/mnt/x')).toEqual({ kind: 'dir', path: '/mnt/x' })
    expect(() => parseRemoteUrl('s3://My_Bucket/x')).toThrow(/not name a valid S3 bucket/)
    expect(() => parseRemoteUrl('https://host/x')).toThrow(/a directory path or s3:\/\/bucket\/prefix/)
  })
})
