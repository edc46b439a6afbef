import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { addRemote, clone, pull, push } from '../../src/backends/git/remote.js'
import { BackendError, InvalidInputError } from '../../src/core/errors.js'
import { paths } from '../../src/core/model/paths.js'
import { startGitHttpServer } from '../helpers/git-http-server.js'
import type { GitHttpServer } from '../helpers/git-http-server.js'
import { createExecution, createExperiment, createProject, git, gitAsync, makeBus, recordRun, removeDir, tempDir } from './fixtures.js'

const AUTH = { username: 'alice', password: 's3cret-token' }
let base: string
let server: GitHttpServer
const saved = { user: process.env.PADRE_GIT_USERNAME, token: process.env.PADRE_GIT_TOKEN }

beforeEach(async () => {
  base = tempDir('padre-remote-')
  server = await startGitHttpServer({ root: join(base, 'server'), auth: AUTH })
  delete process.env.PADRE_GIT_USERNAME
  delete process.env.PADRE_GIT_TOKEN
})
afterEach(async () => {
  await server.close()
  removeDir(base)
  for (const [k, v] of [['PADRE_GIT_USERNAME', saved.user], ['PADRE_GIT_TOKEN', saved.token]] as const) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

function expectClean(dir: string): void {
  expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('')
  expect(git(dir, 'fsck', '--full', '--no-progress')).toBe('')
}

function withCredentials(): void {
  process.env.PADRE_GIT_USERNAME = AUTH.username
  process.env.PADRE_GIT_TOKEN = AUTH.password
}

test('push → clone → new run → push → pull round-trips a project and its experiments', async () => {
  const rootA = join(base, 'a')
  const rootB = join(base, 'b')
  const busA = makeBus()
  await createProject(busA, rootA, 'P')
  for (const e of ['e1', 'e2']) {
    await createExperiment(busA, rootA, 'P', e)
    await recordRun(busA, rootA, await createExecution(busA, rootA, 'P', e, 'v1'))
  }
  await server.createRepo('team/P.git')
  await server.createRepo('team/P.git/experiments/e1')
  await server.createRepo('team/P.git/experiments/e2')
  const url = `${server.url}/team/P.git`

  const added = await addRemote(rootA, 'P', 'origin', url)
  expect(added.experiments).toEqual([{ name: 'e1', url: `${url}/experiments/e1` }, { name: 'e2', url: `${url}/experiments/e2` }])

  // Without credentials the server's 401 becomes a clear error.
  await expect(push(rootA, 'P')).rejects.toThrow(/PADRE_GIT_USERNAME/)
  withCredentials()
  const pushed = await push(rootA, 'P')
  expect(pushed.repositories.map((r) => r.status)).toEqual(['pushed', 'pushed', 'pushed'])
  const projectA = paths.project(rootA, 'P')
  expect(git(join(server.root, 'team/P.git'), 'rev-parse', 'main').trim()).toBe(git(projectA, 'rev-parse', 'HEAD').trim())
  expect(git(join(server.root, 'team/P.git/experiments/e1'), 'rev-parse', 'main').trim())
    .toBe(git(join(projectA, 'experiments/e1'), 'rev-parse', 'HEAD').trim())
  // credentials are never stored
  for (const dir of [projectA, join(projectA, 'experiments/e1')]) {
    expect(readFileSync(join(dir, '.git', 'config'), 'utf8')).not.toContain(AUTH.password)
  }

  // padre clone: project and every experiment; native git is content
  const cloned = await clone(rootB, url)
  expect(cloned.project).toBe('P')
  const projectB = paths.project(rootB, 'P')
  expectClean(projectB)
  for (const e of ['e1', 'e2']) {
    const a = join(projectA, 'experiments', e)
    const b = join(projectB, 'experiments', e)
    expectClean(b)
    expect(git(b, 'rev-parse', 'HEAD')).toBe(git(a, 'rev-parse', 'HEAD'))
    for (const f of git(a, 'ls-files').trim().split('\n')) expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'))
    expect(git(b, 'config', 'core.filemode').trim()).toBe('true')
    expect(git(b, 'config', 'core.symlinks').trim()).toBe('true')
    expect(git(b, 'config', 'core.ignorecase').trim()).toBe('false')
    expect(git(b, 'config', 'remote.origin.url').trim()).not.toBe('') // the clone's own settings survive the rewrite
    expect(readdirSync(join(b, '.git')).filter((name) => name.endsWith('.tmp'))).toEqual([])
  }
  expect(git(projectB, 'submodule', 'status')).toBe(git(projectA, 'submodule', 'status'))

  // native git clones what padre pushed, submodules included (async: the server runs in this process)
  const native = join(base, 'native')
  const authedUrl = url.replace('http://', `http://${AUTH.username}:${AUTH.password}@`)
  await gitAsync(base, '-c', 'protocol.file.allow=always', 'clone', '--quiet', '--recurse-submodules', authedUrl, native)
  expect(readdirSync(join(native, 'experiments', 'e1', 'executions', 'v1', 'runs')).length).toBe(1)

  // B records a run and pushes; A is behind, its push is rejected with advice, nothing local lost
  const busB = makeBus()
  const runB = await recordRun(busB, rootB, await createExecution(busB, rootB, 'P', 'e1', 'v1'))
  expect((await push(rootB, 'P')).repositories.map((r) => r.status)).toEqual(['pushed', 'pushed', 'pushed'])
  const headA = git(projectA, 'rev-parse', 'HEAD')
  const rejected = push(rootA, 'P')
  await expect(rejected).rejects.toBeInstanceOf(BackendError)
  await expect(rejected).rejects.toThrow(/rejected/)
  await push(rootA, 'P').catch((e: BackendError) => expect(e.suggestions.join(' ')).toMatch(/padre project pull/))
  expect(git(projectA, 'rev-parse', 'HEAD')).toBe(headA)
  expectClean(projectA)

  // A pulls: fast-forward in e1 and in the project; B's run is here; native git agrees
  const pulled = await pull(rootA, 'P')
  expect(pulled.repositories.map((r) => `${r.repository}:${r.status}`)).toEqual([
    "experiment 'e1':fast-forwarded", "experiment 'e2':up-to-date", "project 'P':fast-forwarded",
  ])
  expect(readFileSync(join(projectA, 'experiments/e1/executions/v1/runs', runB.run, 'run.json'), 'utf8')).toContain('"finished"')
  for (const dir of [projectA, join(projectA, 'experiments/e1'), join(projectA, 'experiments/e2')]) expectClean(dir)
  expect(git(projectA, 'submodule', 'status')).toBe(git(projectB, 'submodule', 'status'))

  // and A can record and push again
  await recordRun(busA, rootA, await createExecution(busA, rootA, 'P', 'e2', 'v2'))
  expect((await push(rootA, 'P')).repositories.every((r) => r.status === 'pushed')).toBe(true)
  expect((await pull(rootB, 'P')).repositories.map((r) => r.status)).toEqual(['up-to-date', 'fast-forwarded', 'fast-forwarded'])
  expectClean(join(projectB, 'experiments/e2'))
  expectClean(projectB)
}, 120_000)

test('remote urls: http(s) only, no credentials inside', async () => {
  const root = join(base, 'r')
  const bus = makeBus()
  await createProject(bus, root, 'P')
  await expect(addRemote(root, 'P', 'origin', 'git@github.com:a/b.git')).rejects.toBeInstanceOf(InvalidInputError)
  await expect(addRemote(root, 'P', 'origin', 'file:///tmp/x')).rejects.toThrow(/http\(s\)/)
  await expect(addRemote(root, 'P', 'origin', 'https://u:p@example.com/p.git')).rejects.toThrow(/PADRE_GIT_TOKEN/)
  await expect(push(root, 'P')).rejects.toThrow(/remote add/)
})
