import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GitStorage } from '../../src/backends/git/git-storage.js'
import { git } from '../git/fixtures.js'
import { idOf, storageContract, valueOf } from './contract.js'

const AUTHOR = { name: 'Test Person', email: 'test@example.com' }

/** After every contract case: the repositories are ordinary git, clean for native fsck. */
storageContract('git', {
  open: async () => {
    const root = mkdtempSync(join(tmpdir(), 'padre-storage-git-'))
    return {
      storage: new GitStorage(root, AUTHOR),
      close: () => {
        try {
          for (const dir of [join(root, 'projects', 'proj-a'), join(root, 'projects', 'proj-a', 'experiments', 'exp-a')]) {
            try {
              git(dir, 'rev-parse', '--git-dir')
            } catch {
              continue // this case made no repository there
            }
            git(dir, 'fsck', '--strict', '--no-dangling')
          }
        } finally {
          rmSync(root, { recursive: true, force: true })
        }
      },
    }
  },
})

describe('git storage commits', () => {
  let root: string
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'padre-storage-git-')) })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  const count = (dir: string) => Number(git(dir, 'rev-list', '--count', 'HEAD').trim())

  it('makes one commit per record write in the experiment, one gitlink move in the project, fsck-clean', async () => {
    const storage = new GitStorage(root, AUTHOR)
    const project = join(root, 'projects', 'proj-a')
    const experiment = join(project, 'experiments', 'exp-a')
    await storage.put(idOf('project') as never, valueOf(idOf('project')))
    expect(count(project)).toBe(1)
    await storage.put(idOf('experiment') as never, valueOf(idOf('experiment')))
    expect(count(experiment)).toBe(1)
    expect(count(project)).toBe(2)
    let expected = 1
    for (const kind of ['execution', 'run', 'computation', 'results', 'computationMetrics', 'runMetrics', 'reevaluation'] as const) {
      await storage.put(idOf(kind) as never, valueOf(idOf(kind)))
      expected++
      expect(count(experiment)).toBe(expected)
      expect(count(project)).toBe(expected + 1)
      expect(git(experiment, 'status', '--porcelain')).toBe('')
    }
    await storage.put(idOf('run') as never, valueOf(idOf('run'), 2))
    expect(count(experiment)).toBe(expected + 1)
    expect(git(experiment, 'log', '-1', '--format=%s%n%an <%ae>')).toBe(`store run proj-a/exp-a/spec-0123456789ab/20261201T020000000Z-abcd\n${AUTHOR.name} <${AUTHOR.email}>\n`)
    expect(JSON.parse(git(experiment, 'show', 'HEAD:executions/spec-0123456789ab/runs/20261201T020000000Z-abcd/run.json'))).toEqual(valueOf(idOf('run'), 2))
    // the project's gitlink points at the experiment's HEAD, as native git sees it
    expect(git(project, 'submodule', 'status')).toMatch(new RegExp(`^ ${git(experiment, 'rev-parse', 'HEAD').trim()} experiments/exp-a`))
    git(project, 'fsck', '--strict', '--no-dangling')
    git(experiment, 'fsck', '--strict', '--no-dangling')
  })

  it('an exclusive put of an existing record commits nothing; datasets stay outside the repositories', async () => {
    const storage = new GitStorage(root, AUTHOR)
    const project = join(root, 'projects', 'proj-a')
    await storage.put(idOf('project') as never, valueOf(idOf('project')))
    expect(await storage.put(idOf('project') as never, valueOf(idOf('project'), 2), { exclusive: true })).toBe(false)
    expect(count(project)).toBe(1)
    await storage.put(idOf('dataset') as never, valueOf(idOf('dataset')))
    expect(count(project)).toBe(1)
    expect(() => git(join(root, 'datasets'), 'rev-parse', '--show-toplevel')).toThrow()
  })
})
