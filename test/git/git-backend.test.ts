import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { paths } from '../../src/core/model/paths.js'
import { findRunCommit } from '../../src/backends/git/run-commit.js'
import { BackendError } from '../../src/core/errors.js'
import {
  createExecution, createExperiment, createProject, git, makeBus, recordRun, removeDir, tempDir,
} from './fixtures.js'

let root: string
beforeEach(() => { root = tempDir() })
afterEach(() => removeDir(root))

function expectClean(dir: string): void {
  expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('')
}

function expectFsck(dir: string): void {
  // fsck prints nothing to stdout for a sound repository (dangling objects would show here).
  expect(git(dir, 'fsck', '--full', '--strict', '--no-progress')).toBe('')
}

describe('GitBackend with native git', () => {
  test('project create → repository on main with project.json and .gitignore, sane core config', async () => {
    const bus = makeBus()
    await createProject(bus, root, 'Examples')
    const dir = paths.project(root, 'Examples')
    expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main')
    expect(git(dir, 'ls-files').trim().split('\n').sort()).toEqual(['.gitignore', 'project.json'])
    expect(git(dir, 'config', 'core.filemode').trim()).toBe('true')
    expect(git(dir, 'config', 'core.ignorecase').trim()).toBe('false')
    expect(git(dir, 'log', '--format=%an <%ae>').trim()).toBe('Test Person <test@example.com>')
    expectClean(dir)
    expectFsck(dir)
  })

  test('experiment → own repository linked as a real submodule; runs commit once in each repository', async () => {
    const bus = makeBus()
    await createProject(bus, root, 'Examples')
    await createExperiment(bus, root, 'Examples', 'iris-svc')
    const project = paths.project(root, 'Examples')
    const exp = paths.experiment(root, 'Examples', 'iris-svc')
    expectClean(project)
    expectClean(exp)
    expect(git(project, 'ls-files', '--stage', 'experiments/iris-svc')).toMatch(/^160000 [0-9a-f]{40} 0\texperiments\/iris-svc\n$/)
    expect(git(project, 'config', '-f', '.gitmodules', 'submodule.iris-svc.url').trim()).toBe('./experiments/iris-svc')
    expect(git(project, 'config', 'submodule.iris-svc.active').trim()).toBe('true')

    const x = await createExecution(bus, root, 'Examples', 'iris-svc', 'abc123def456')
    const projectCommits = Number(git(project, 'rev-list', '--count', 'HEAD'))
    const expCommits = Number(git(exp, 'rev-list', '--count', 'HEAD'))
    const run = await recordRun(bus, root, x)
    expect(Number(git(project, 'rev-list', '--count', 'HEAD'))).toBe(projectCommits + 1)
    expect(Number(git(exp, 'rev-list', '--count', 'HEAD'))).toBe(expCommits + 1)
    expect(git(exp, 'log', '-1', '--format=%s').trim()).toBe(`run ${run.run}: finished, accuracy=0.92`)
    const files = git(exp, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n')
    expect(files).toContain(`executions/${x.version}/execution.json`)
    expect(files).toContain(`executions/${x.version}/runs/${run.run}/run.json`)
    expect(files.length).toBe(1 + 2 + 5 * 3)

    const head = git(exp, 'rev-parse', 'HEAD').trim()
    expect(git(project, 'submodule', 'status').trim()).toBe(`${head} experiments/iris-svc (heads/main)`)
    expect(await findRunCommit(root, run)).toBe(head)
    for (const dir of [project, exp]) { expectClean(dir); expectFsck(dir) }

    const failed = await recordRun(bus, root, x, { status: 'failed' })
    expect(git(exp, 'log', '-1', '--format=%s').trim()).toBe(`run ${failed.run}: failed, the estimator exploded`)
    expect(await findRunCommit(root, run)).toBe(head)
    for (const dir of [project, exp]) { expectClean(dir); expectFsck(dir) }
  })

  test('git clone --recurse-submodules reproduces every experiment file', async () => {
    const bus = makeBus()
    await createProject(bus, root, 'P')
    for (const e of ['a', 'b']) {
      await createExperiment(bus, root, 'P', e)
      const x = await createExecution(bus, root, 'P', e, 'v1')
      await recordRun(bus, root, x)
      await recordRun(bus, root, x, { status: 'cancelled' })
    }
    const clone = join(root, 'clone')
    git(root, '-c', 'protocol.file.allow=always', 'clone', '--quiet', '--recurse-submodules', paths.project(root, 'P'), clone)
    const status = git(clone, 'submodule', 'status')
    for (const e of ['a', 'b']) {
      const exp = paths.experiment(root, 'P', e)
      expect(status).toContain(`${git(exp, 'rev-parse', 'HEAD').trim()} experiments/${e}`)
      const listed = git(exp, 'ls-files').trim().split('\n')
      expect(listed.length).toBe(2 + 1 + 17 + 16) // the cancelled run has no metrics.json
      for (const f of listed) {
        expect(readFileSync(join(clone, 'experiments', e, f), 'utf8')).toBe(readFileSync(join(exp, f), 'utf8'))
      }
    }
    expectClean(clone)
  })

  test('a failed commit leaves the files, and the next run commits them', async () => {
    const bus = makeBus()
    await createProject(bus, root, 'P')
    await createExperiment(bus, root, 'P', 'e')
    const exp = paths.experiment(root, 'P', 'e')
    const x = await createExecution(bus, root, 'P', 'e', 'v1')
    // Another git process holds the index lock: the commit must fail loudly, not silently skip.
    writeFileSync(join(exp, '.git', 'index.lock'), '')
    const lost = recordRun(bus, root, x)
    await expect(lost).rejects.toBeInstanceOf(BackendError)
    await expect(lost).rejects.toThrow(/index\.lock/)
    removeDir(join(exp, '.git', 'index.lock'))
    const runs = readdirSync(join(exp, 'executions', 'v1', 'runs'))
    expect(runs.length).toBe(1)
    expect(git(exp, 'status', '--porcelain')).toContain('executions/')

    const next = await recordRun(bus, root, x)
    const files = git(exp, 'show', '--name-only', '--format=%B', 'HEAD')
    expect(files).toContain(`runs/${runs[0]}/run.json`)
    expect(files).toContain(`runs/${next.run}/run.json`)
    expect(files).toContain(`also records: executions/v1/runs/${runs[0]}`)
    expect(existsSync(join(exp, '.git', 'padre-pending'))).toBe(false)
    for (const dir of [paths.project(root, 'P'), exp]) { expectClean(dir); expectFsck(dir) }
  }, 120_000)

  test('many runs keep both repositories clean (split index included)', async () => {
    const bus = makeBus()
    await createProject(bus, root, 'P')
    await createExperiment(bus, root, 'P', 'e')
    const exp = paths.experiment(root, 'P', 'e')
    const project = paths.project(root, 'P')
    let x = await createExecution(bus, root, 'P', 'e', 'v1')
    for (let i = 0; i < 150; i++) {
      if (i === 75) x = await createExecution(bus, root, 'P', 'e', 'v2')
      await recordRun(bus, root, x, { rows: 3 })
      if (i % 40 === 0) { expectClean(exp); expectClean(project) }
    }
    expect(readdirSync(join(exp, '.git')).some((f) => f.startsWith('sharedindex.'))).toBe(true)
    expect(Number(git(exp, 'ls-files').trim().split('\n').length)).toBe(2 + 2 + 150 * 17)
    for (const dir of [project, exp]) { expectClean(dir); expectFsck(dir) }
    expect(git(project, 'submodule', 'status').trim()).toBe(`${git(exp, 'rev-parse', 'HEAD').trim()} experiments/e (heads/main)`)
    // native git writes the index its own way; padre keeps working on top of it
    git(exp, 'update-index', '--refresh')
    await recordRun(bus, root, x, { rows: 3 })
    for (const dir of [project, exp]) { expectClean(dir); expectFsck(dir) }
  }, 180_000)
})
