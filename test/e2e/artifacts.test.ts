import { spawn } from 'node:child_process'
import { closedPort } from '../helpers/closed-port.js'
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, appendFileSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import { BIN, sandbox, type CliResult, type Sandbox } from '../helpers/cli.js'
import { startS3Server, type S3Server } from '../helpers/s3-server.js'
import { addBulkArtifacts, recordedArtifacts, snapshot } from '../helpers/test-artifacts.js'
import type { ArtifactRef } from '../../src/core/artifacts/types.js'

// The CLI runs in child processes started asynchronously: s3rver lives in this process and must keep serving.
function run(box: Sandbox, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: box.dir,
      env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true', DEBUG: '', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', PADRE_OFFLINE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }))
  })
}

async function json<T>(box: Sandbox, args: string[], env: Record<string, string> = {}): Promise<T> {
  const result = await run(box, [...args, '--json'], env)
  if (result.status !== 0) throw new Error(`padre ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`)
  return JSON.parse(result.stdout) as T
}

function expectOneLineError(result: CliResult, pattern: RegExp, exit: number): void {
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: exit, stderr: expect.stringMatching(pattern) })
  const lines = result.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^Error: /)
}

interface Entry extends ArtifactRef { computation: string; local: boolean }
interface Summary { remote: string; url: string; artifacts: number; transferred: number; bytes: number; present: number }

let s3: S3Server
let template: Sandbox
let box: Sandbox
let refs: ArtifactRef[]

// One recorded run (3 computations, 2 artifacts each), copied into a fresh padre home for every test.
beforeAll(async () => {
  s3 = await startS3Server()
  template = sandbox()
  const executed = await run(template, ['experiment', 'execute', '--project', 'P', '--create-project', '--name', 'e', '--dataset', 'iris', '--estimator', 'knn', '--split', 'cv', '--folds', '6', '--seed', '1'])
  expect(executed.status).toBe(0)
  // six computations, each with its own model.json
  refs = recordedArtifacts(template.root)
  expect(refs.map((r) => r.path)).toEqual(Array(6).fill('model.json'))
  expect(new Set(refs.map((r) => r.sha256)).size).toBe(6)
})
afterAll(async () => {
  await s3.close()
  rmSync(template.dir, { recursive: true, force: true })
})
beforeEach(() => {
  box = sandbox()
  cpSync(template.root, box.root, { recursive: true })
})
afterEach(() => rmSync(box.dir, { recursive: true, force: true }))

const remotes: Array<[string, (box: Sandbox) => string[]]> = [
  ['a directory', (b) => { mkdirSync(join(b.dir, 'remote')); return ['origin', join(b.dir, 'remote')] }],
  ['S3', () => ['origin', `s3://padre-test/e2e-${Math.random().toString(36).slice(2)}`, '--endpoint', s3.endpoint]],
]

describe.each(remotes)('round trip through %s', (_, remoteArgs) => {
  test('push, push again (nothing replaced), delete the local store, pull, verified', async () => {
    expect((await run(box, ['artifact', 'remote', 'add', ...remoteArgs(box)])).status).toBe(0)
    const listed = await json<Entry[]>(box, ['artifact', 'list'])
    expect(listed).toHaveLength(6)
    expect(listed.every((a) => a.local)).toBe(true)
    const records = snapshot(box.root)

    const first = await json<Summary>(box, ['artifact', 'push'])
    expect(first).toMatchObject({ remote: 'origin', artifacts: 6, transferred: 6, present: 0 })
    const second = await json<Summary>(box, ['artifact', 'push'])
    expect(second).toMatchObject({ artifacts: 6, transferred: 0, present: 6, bytes: 0 })

    rmSync(join(box.root, 'artifacts'), { recursive: true })
    const missing = await json<Entry[]>(box, ['artifact', 'list', '--missing'])
    expect(missing).toHaveLength(6)
    const human = await run(box, ['artifact', 'list'])
    expect(human.stdout).toMatch(/6 artifacts referenced, 0 local, 6 missing/)

    const pulled = await run(box, ['artifact', 'pull'])
    expect(pulled.status).toBe(0)
    expect(pulled.stdout).toMatch(/^Pulled 6 artifacts \(\d+ bytes\) from 'origin'/)
    expect(snapshot(box.root)).toEqual(records)
    expect((await json<Entry[]>(box, ['artifact', 'list'])).every((a) => a.local)).toBe(true)
    expect(await json<Summary>(box, ['artifact', 'pull'])).toMatchObject({ transferred: 0, present: 6 })
  })
})

describe('faults: one line, non-zero exit, nothing local changed', () => {
  async function expectFault(args: string[], pattern: RegExp, exit: number, extraEnv: Record<string, string> = {}): Promise<void> {
    const before = snapshot(box.root)
    expectOneLineError(await run(box, args, extraEnv), pattern, exit)
    expect(snapshot(box.root)).toEqual(before)
  }

  test('an unreachable remote (a closed port)', async () => {
    const port = await closedPort()
    await run(box, ['artifact', 'remote', 'add', 'dead', 's3://padre-test/x', '--endpoint', `http://127.0.0.1:${port}`])
    await expectFault(['artifact', 'push'], /cannot reach s3:\/\/padre-test\/x .*ECONNREFUSED/, 6)
    rmSync(join(box.root, 'artifacts'), { recursive: true })
    await expectFault(['artifact', 'pull'], /cannot reach s3:\/\/padre-test\/x .*ECONNREFUSED/, 6)
  })

  test('wrong credentials and a bucket that does not exist', async () => {
    await run(box, ['artifact', 'remote', 'add', 'origin', 's3://padre-test/x', '--endpoint', s3.endpoint])
    await run(box, ['artifact', 'remote', 'add', 'nobucket', 's3://no-such-bucket/x', '--endpoint', s3.endpoint])
    await expectFault(['artifact', 'push'], /refused the credentials \(InvalidAccessKeyId\)/, 6, { AWS_ACCESS_KEY_ID: 'WRONG', AWS_SECRET_ACCESS_KEY: 'WRONG' })
    await expectFault(['artifact', 'push', '--remote', 'nobucket'], /bucket 'no-such-bucket' does not exist/, 6)
    await expectFault(['artifact', 'push', '--remote', 'nosuch'], /Artifact remote 'nosuch' not found/, 3)
  })

  test('a corrupted remote object is named and not used; a missing artifact is named', async () => {
    const remote = join(box.dir, 'remote')
    mkdirSync(remote)
    await run(box, ['artifact', 'remote', 'add', 'origin', remote])
    expect((await run(box, ['artifact', 'push'])).status).toBe(0)
    const victim = refs[0]
    const file = join(remote, encodeURIComponent(victim.path), victim.producer, victim.sha256)
    appendFileSync(file, ' ')
    rmSync(join(box.root, 'artifacts'), { recursive: true })
    const result = await run(box, ['artifact', 'pull'])
    expectOneLineError(result, new RegExp(`'model.json' of P:e:.* \\(sha256 ${victim.sha256.slice(0, 12)}\\) is unusable: .*${victim.sha256} is corrupted .*not used.*\\(5 others transferred\\)`), 6)
    expect(existsSync(join(box.root, 'artifacts', 'sha256', victim.sha256.slice(0, 2), victim.sha256.slice(2)))).toBe(false)

    // Referenced, but neither local nor on the remote.
    rmSync(file)
    await expectFault(['artifact', 'pull'], new RegExp(`'model.json' of P:e:.* is missing: not on ${remote}`), 3)
    await expectFault(['artifact', 'push'], new RegExp(`'model.json' of P:e:.* is missing: not in the local store`), 3)
  })
})

describe('offline', () => {
  const ways: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['--offline', ['--offline'], {}, /padre is offline \(--offline\): .* run the command without --offline to go online/],
    ['PADRE_OFFLINE=1', [], { PADRE_OFFLINE: '1' }, /padre is offline \(PADRE_OFFLINE=1\): .*unset PADRE_OFFLINE/],
    ['[GENERAL] offline = true', [], {}, /padre is offline \(\[GENERAL\] offline = true in .*\): .*'padre config set offline false' to go online/],
  ]

  test.each(ways)('%s blocks every remote path, and local commands keep working', async (way, flag, extraEnv, pattern) => {
    if (way.startsWith('[GENERAL]')) appendFileSync(box.config, '[GENERAL]\noffline = true\n')
    mkdirSync(join(box.dir, 'remote'))
    expect((await run(box, ['artifact', 'remote', 'add', 'origin', join(box.dir, 'remote')], extraEnv)).status).toBe(0)
    const before = snapshot(box.root)
    const queueElsewhere = ['experiment', 'execute', '-p', 'P', '--name', 'queued', '--dataset', 'iris', '--estimator', 'knn', '--queue', 'redis://:hunter2@queue.example:6379']
    for (const args of [['artifact', 'push'], ['artifact', 'pull'], ['project', 'push', '-p', 'P'], ['project', 'pull', '-p', 'P'], ['project', 'clone', 'http://127.0.0.1:9/x.git'], queueElsewhere, ['worker', '--queue', 'redis://queue.example:6379']]) {
      const result = await run(box, [...args, ...flag], extraEnv)
      expectOneLineError(result, pattern, 5)
      expect(result.stderr).not.toMatch(/hunter2/)
    }
    // a queue on this machine is no remote: offline, it is tried (and here found closed), not refused
    const local = await run(box, ['experiment', 'execute', '-p', 'P', '--name', 'queued', '--dataset', 'iris', '--estimator', 'knn', '--queue', `redis://127.0.0.1:${await closedPort()}`, ...flag], extraEnv)
    expectOneLineError(local, /Cannot reach Redis at redis:\/\/127\.0\.0\.1/, 6)
    expect(readdirSync(join(box.dir, 'remote'))).toEqual([])
    expect(snapshot(box.root)).toEqual(before)
    expect((await json<Entry[]>(box, ['artifact', 'list'], extraEnv))).toHaveLength(6)
    expect((await run(box, ['run', 'list', '-p', 'P'], extraEnv)).status).toBe(0)
  })

  test('allow_artifact_pull_offline permits artifact pull and nothing else', async () => {
    mkdirSync(join(box.dir, 'remote'))
    await run(box, ['artifact', 'remote', 'add', 'origin', join(box.dir, 'remote')])
    expect((await run(box, ['artifact', 'push'])).status).toBe(0)
    rmSync(join(box.root, 'artifacts'), { recursive: true })
    expectOneLineError(await run(box, ['artifact', 'pull', '--offline']), /padre is offline .*allow_artifact_pull_offline = true to allow artifact pull only/, 5)
    appendFileSync(box.config, '[GENERAL]\nallow_artifact_pull_offline = true\n')
    expect(await json<Summary>(box, ['artifact', 'pull'], { PADRE_OFFLINE: '1' })).toMatchObject({ transferred: 6 })
    expectOneLineError(await run(box, ['artifact', 'push', '--offline']), /padre is offline \(--offline\)/, 5)
    expectOneLineError(await run(box, ['project', 'push', '-p', 'P'], { PADRE_OFFLINE: '1' }), /padre is offline/, 5)
  })
})

test('remote add, list, remove; the config keeps no credentials', async () => {
  const added = await json<{ name: string; url: string; endpoint: string }>(box, ['artifact', 'remote', 'add', 's3', 's3://padre-test/team/', '--endpoint', s3.endpoint])
  expect(added).toEqual({ name: 's3', url: 's3://padre-test/team/', endpoint: s3.endpoint })
  await json(box, ['artifact', 'remote', 'add', 'disk', 'relative/dir'])
  expect(await json<Array<{ name: string; url: string }>>(box, ['artifact', 'remote', 'list'])).toEqual([
    { name: 's3', url: 's3://padre-test/team/', endpoint: s3.endpoint },
    { name: 'disk', url: join(box.dir, 'relative', 'dir') },
  ])
  expect(readFileSync(box.config, 'utf8')).not.toMatch(/S3RVER|secret|key_id/i)
  expectOneLineError(await run(box, ['artifact', 'remote', 'add', 'disk', '/x']), /already exists/, 4)
  expectOneLineError(await run(box, ['artifact', 'remote', 'add', 'bad', 'http://x/y']), /a directory path or s3:\/\/bucket\/prefix/, 2)
  expectOneLineError(await run(box, ['artifact', 'remote', 'add', 'x', 's3://padre-test/a', '--endpoint', 'http://k:s@127.0.0.1:1']), /Do not put credentials/, 2)
  await json(box, ['artifact', 'remote', 'remove', 's3'])
  expect((await json<Array<{ name: string }>>(box, ['artifact', 'remote', 'list'])).map((r) => r.name)).toEqual(['disk'])
  expectOneLineError(await run(box, ['artifact', 'push', '--remote', 's3']), /Artifact remote 's3' not found/, 3)
  expect((await run(box, ['artifact', 'remote', 'list', '--help'])).stdout).toMatch(/EXAMPLES/)
})

describe('an interrupted transfer leaves no partial object visible', () => {
  function startAndKillWhen(args: string[], ready: () => boolean): Promise<number | null> {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: box.dir, env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true', PADRE_OFFLINE: '' }, stdio: 'ignore' })
    return new Promise((resolve) => {
      const timer = setInterval(() => { if (ready()) { clearInterval(timer); child.kill('SIGKILL') } }, 5)
      child.on('close', (code) => { clearInterval(timer); resolve(code) })
    })
  }
  const hashes = (dir: string): string[] => {
    const out: string[] = []
    const walk = (d: string) => { for (const f of readdirSync(d, { withFileTypes: true })) { if (f.isDirectory()) walk(join(d, f.name)); else out.push(join(d, f.name)) } }
    if (existsSync(dir)) walk(dir)
    return out
  }
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

  test('killed push to a directory, killed pull: every visible object is whole, and the next run finishes', async () => {
    const added = await addBulkArtifacts(box.root, 100)
    const all = [...new Set([...refs, ...added].map((r) => `${r.path}/${r.producer}/${r.sha256}`))]
    const remote = join(box.dir, 'remote')
    mkdirSync(remote)
    await run(box, ['artifact', 'remote', 'add', 'origin', remote])
    await startAndKillWhen(['artifact', 'push'], () => hashes(remote).some((f) => !basename(f).startsWith('.')))
    for (const file of hashes(remote).filter((f) => !basename(f).startsWith('.'))) expect(sha(file)).toBe(basename(file))
    expect(await json<Summary>(box, ['artifact', 'push'])).toMatchObject({ artifacts: all.length })
    expect(hashes(remote).filter((f) => !basename(f).startsWith('.'))).toHaveLength(all.length)

    rmSync(join(box.root, 'artifacts'), { recursive: true })
    const store = join(box.root, 'artifacts', 'sha256')
    await startAndKillWhen(['artifact', 'pull'], () => hashes(store).length > 0)
    for (const file of hashes(store).filter((f) => !f.endsWith('.tmp'))) expect(sha(file)).toBe(basename(dirname(file)) + basename(file))
    const pulled = await json<Summary>(box, ['artifact', 'pull'])
    expect(pulled.transferred + pulled.present).toBe(all.length)
    expect((await json<Entry[]>(box, ['artifact', 'list', '--missing']))).toEqual([])

    // Long work shows progress on stderr; stdout keeps the one result line.
    rmSync(join(box.root, 'artifacts'), { recursive: true })
    const shown = await run(box, ['artifact', 'pull'])
    expect(shown.status).toBe(0)
    expect(shown.stderr).toMatch(new RegExp(`pulled ${all.length}/${all.length}`))
    expect(shown.stdout.trim().split('\n')).toHaveLength(1)
  })
})

test.each(['artifact list', 'artifact push', 'artifact pull', 'artifact remote add', 'artifact remote list', 'artifact remote remove', 'project push', 'project pull', 'project clone', 'worker', 'experiment execute'])('%s --help shows examples and --json (and --offline where it reaches a remote)', async (command) => {
  const help = await run(box, [...command.split(' '), '--help'])
  expect(help.status).toBe(0)
  expect(help.stdout).toMatch(/EXAMPLES/)
  expect(help.stdout).toMatch(/--json/)
  if (/push|pull|clone|worker|execute/.test(command)) expect(help.stdout).toMatch(/--offline/)
})
