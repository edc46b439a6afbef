import { spawn, spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js'
import { startGitHttpServer } from '../helpers/git-http-server.js'
import { allRepos, fsckProblems, git, repoProblems, runAsync } from '../reliability/repo-checks.js'

/**
 * padre project gc and automatic packing, on real repositories checked with native git: fsck clean,
 * nothing lost, clones work, and a SIGKILL at each step of packing loses nothing.
 */

function withAutoPack(box: Sandbox, threshold: number): Sandbox {
  appendFileSync(box.config, `[GIT]\nauto_pack_loose = ${threshold}\n`)
  return box
}

function execute(box: Sandbox, experiment: string, k: number): void {
  const r = box.run(['experiment', 'execute', '-p', 'P', '--create-project', '--name', experiment, '--dataset', 'iris',
    '--estimator', 'knn', '--param', `knn.k=${k}`, '--split', 'cv', '--folds', '3', '--seed', '1'])
  if (r.status !== 0) throw new Error(`execute failed (${r.status}): ${r.stderr}`)
}

function counts(dir: string): { loose: number; packs: number } {
  const out = git(dir, 'count-objects', '-v').out
  return { loose: Number(/^count: (\d+)/m.exec(out)![1]), packs: Number(/^packs: (\d+)/m.exec(out)![1]) }
}

interface RunRow { id: string }

/** What padre reads back about the runs: the list, and the oldest run in full (its record commit is found in git history). */
function readBack(box: Sandbox): { runs: RunRow[]; oldest: unknown } {
  const runs = box.json<RunRow[]>(['run', 'list', '-p', 'P'])
  return { runs, oldest: box.json(['run', 'get', runs.at(-1)!.id]) }
}

/** A copy of a sandbox's root_dir with its own config, so that each kill starts from the same state. */
function copyOf(box: Sandbox): Sandbox {
  const copy = sandbox()
  cpSync(box.root, copy.root, { recursive: true })
  appendFileSync(copy.config, '[GIT]\nauto_pack_loose = 0\n')
  return copy
}

describe('padre project gc', () => {
  const box = withAutoPack(sandbox(), 0)
  const project = () => join(box.root, 'projects', 'P')

  beforeAll(() => {
    execute(box, 'E', 1)
    execute(box, 'E', 3)
    execute(box, 'E2', 5)
  }, 180_000)

  it('packs every repository: fsck clean, no loose objects, everything reads back the same, clones work', () => {
    const before = readBack(box)
    const repos = allRepos(box.root)
    expect(repos).toHaveLength(3)
    for (const dir of repos) expect(counts(dir).loose).toBeGreaterThan(10)

    const result = box.json<{ project: string; repositories: Array<{ name: string; looseBefore: number; looseAfter: number; packed: number; packsAfter: number; bytesBefore: number; bytesAfter: number }> }>(['project', 'gc', '-p', 'P'])
    expect(result.project).toBe('P')
    expect(result.repositories.map((r) => r.name)).toEqual(['P:E', 'P:E2', 'P'])
    for (const r of result.repositories) {
      expect(r.packed).toBe(r.looseBefore)
      expect(r.looseAfter).toBe(0)
      expect(r.packsAfter).toBe(1)
      expect(r.bytesAfter).toBeLessThan(r.bytesBefore)
    }
    for (const dir of repos) {
      expect(repoProblems(dir)).toEqual([])
      expect(counts(dir)).toEqual({ loose: 0, packs: 1 })
    }
    expect(readBack(box)).toEqual(before)

    const clone = join(mkdtempSync(join(tmpdir(), 'padre-gc-clone-')), 'P')
    const cloned = spawnGit(['-c', 'protocol.file.allow=always', 'clone', '-q', '--recurse-submodules', project(), clone])
    expect(cloned.status).toBe(0)
    for (const e of ['E', 'E2']) {
      expect(fsckProblems(join(clone, 'experiments', e))).toEqual([])
      expect(git(join(clone, 'experiments', e), 'rev-parse', 'HEAD').out).toBe(git(join(project(), 'experiments', e), 'rev-parse', 'HEAD').out)
    }
    expect(fsckProblems(clone)).toEqual([])
  })

  it('records runs on top of packed repositories, and a second gc combines the packs into one', () => {
    execute(box, 'E', 7)
    const before = readBack(box)
    expect(before.runs).toHaveLength(4)
    for (const dir of allRepos(box.root)) expect(repoProblems(dir)).toEqual([])
    // The run's commit reused the packed blobs it did not change: only new objects are loose.
    expect(counts(join(project(), 'experiments', 'E')).loose).toBeGreaterThan(0)
    expect(counts(join(project(), 'experiments', 'E2')).loose).toBe(0)

    box.json(['project', 'gc', '-p', 'P'])
    for (const dir of allRepos(box.root)) {
      expect(repoProblems(dir)).toEqual([])
      expect(counts(dir)).toEqual({ loose: 0, packs: 1 })
    }
    expect(readBack(box)).toEqual(before)
  })

  it('pushes packed repositories over HTTP (isomorphic-git reads the packs): the remote repositories are fsck clean, at the same commits', async () => {
    const server = await startGitHttpServer({ root: join(box.dir, 'server') })
    try {
      for (const repo of ['P.git', 'P.git/experiments/E', 'P.git/experiments/E2']) await server.createRepo(repo)
      const added = await runAsync(box, ['project', 'remote', 'add', 'origin', `${server.url}/P.git`, '-p', 'P']).done
      expect(added.status).toBe(0)
      const pushed = await runAsync(box, ['project', 'push', '-p', 'P']).done
      expect(pushed).toMatchObject({ status: 0 })
      for (const [remote, local] of [['P.git', project()], ['P.git/experiments/E', join(project(), 'experiments', 'E')], ['P.git/experiments/E2', join(project(), 'experiments', 'E2')]]) {
        const dir = join(server.root, remote)
        expect(fsckProblems(dir)).toEqual([])
        expect(git(dir, 'rev-parse', 'main').out).toBe(git(local, 'rev-parse', 'HEAD').out)
      }
    } finally {
      await server.close()
    }
  })

  it('--help shows examples and --json', () => {
    const help = box.run(['project', 'gc', '--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/EXAMPLES[\s\S]*project gc --project Examples/)
    expect(help.stdout).toMatch(/--json/)
  })

  it('a missing project is one line, exit 3', () => {
    const r = box.run(['project', 'gc', '-p', 'Nope'])
    expect(r.status).toBe(3)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^Error: Project 'Nope' not found/)
  })
})

describe('automatic packing', () => {
  it('a threshold that is not a whole number is a config error, and config set refuses one', () => {
    const box = sandbox()
    appendFileSync(box.config, '[GIT]\nauto_pack_loose = lots\n')
    const bad = box.run(['project', 'list'])
    expect(bad.status).toBe(5)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad.stderr).toMatch(/\[GIT\] auto_pack_loose must be a whole number .*not 'lots'/)
    const set = sandbox().run(['config', 'set', 'auto_pack_loose', 'five'])
    expect(set.status).toBe(5)
    expect(set.stderr).toMatch(/auto_pack_loose must be a whole number/)
  })

  it('packs a repository after a run once its loose objects pass [GIT] auto_pack_loose, and not below', () => {
    const box = withAutoPack(sandbox(), 100)
    const experiment = join(box.root, 'projects', 'P', 'experiments', 'E')
    execute(box, 'E', 1)
    const first = counts(experiment)
    expect(first.loose).toBeGreaterThan(10)
    expect(first.loose).toBeLessThan(100)
    expect(first.packs).toBe(0)
    let runs = 1
    while (counts(experiment).packs === 0 && runs < 8) {
      execute(box, 'E', 2 * runs + 1)
      runs++
      expect(counts(experiment).loose).toBeLessThan(100)
    }
    expect(counts(experiment).packs).toBe(1)
    // The project repository gets a few objects per run: still below the threshold, still loose.
    expect(counts(join(box.root, 'projects', 'P'))).toMatchObject({ packs: 0 })
    for (const dir of allRepos(box.root)) expect(repoProblems(dir)).toEqual([])
    expect(box.json<RunRow[]>(['run', 'list', '-p', 'P'])).toHaveLength(runs)
  }, 240_000)
})

describe('automatic packing with concurrent writers', () => {
  it('three executes at once into one experiment, each packing as it goes: every run recorded, fsck clean', async () => {
    const box = withAutoPack(sandbox(), 40)
    execute(box, 'E', 1)
    const args = (k: number) => ['experiment', 'execute', '-p', 'P', '--name', 'E', '--dataset', 'iris', '--estimator', 'knn',
      '--param', `knn.k=${k}`, '--split', 'cv', '--folds', '3', '--seed', '1']
    const results = await Promise.all([3, 5, 7].map((k) => runAsync(box, args(k)).done))
    for (const r of results) expect(r).toMatchObject({ status: 0, stderr: expect.not.stringMatching(/packing .* failed/) })
    const experiment = join(box.root, 'projects', 'P', 'experiments', 'E')
    expect(counts(experiment).packs).toBeGreaterThan(0)
    for (const dir of allRepos(box.root)) expect(repoProblems(dir)).toEqual([])
    expect(box.json<RunRow[]>(['run', 'list', '-p', 'P'])).toHaveLength(4)
    expect(git(experiment, 'rev-list', '--count', 'HEAD').out.trim()).toBe('5') // create + 4 runs
  }, 120_000)
})

describe('a SIGKILL while packing', () => {
  const shared = withAutoPack(sandbox(), 0)

  let before: unknown

  beforeAll(() => {
    execute(shared, 'E', 1)
    before = readBack(shared)
  }, 60_000)

  for (const stage of ['written', 'pack-renamed', 'idx-renamed', 'deleting'] as const) {
    it(`at '${stage}' loses nothing: fsck clean, every run reads back, the next gc finishes`, async () => {
      const box = copyOf(shared)
      const killed = await gcKilledAt(box, stage)
      expect(killed).toBe('SIGKILL')
      for (const dir of allRepos(box.root)) expect(fsckProblems(dir)).toEqual([])
      expect(readBack(box)).toEqual(before)

      box.json(['project', 'gc', '-p', 'P'])
      for (const dir of allRepos(box.root)) {
        expect(repoProblems(dir)).toEqual([])
        expect(counts(dir).loose).toBe(0)
      }
      expect(readBack(box)).toEqual(before)
    }, 120_000)
  }
})

function spawnGit(args: string[]): { status: number | null } {
  return spawnSync('git', args, { encoding: 'utf8' })
}

/** Run `project gc` paused at a stage (PADRE_GC_PAUSE), and SIGKILL it there. */
function gcKilledAt(box: Sandbox, stage: string): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'project', 'gc', '-p', 'P'], {
      cwd: box.dir,
      env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true', DEBUG: '', PADRE_GC_PAUSE: stage },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += d
      if (stderr.includes(`padre gc paused at ${stage}`)) child.kill('SIGKILL')
    })
    child.on('error', reject)
    child.on('close', (status, signal) => (signal ? resolve(signal) : reject(new Error(`gc ended (${status}) without pausing at ${stage}: ${stderr}`))))
  })
}
