import { readdirSync, rmSync } from 'node:fs'
import { paths } from '../../src/core/model/paths.js'
import type { RunRecord } from '../../src/core/model/types.js'
import { sandbox, type Sandbox } from '../helpers/cli.js'
import { allFolders, allRepos, fsckProblems, git, repoProblems, report, runAsync } from './repo-checks.js'

/**
 * SIGKILL an execute at moments spread over its whole life (start-up, project and experiment
 * creation, computations, the experiment commit, the project commit), then check that native git
 * finds every repository sound right after each kill, and that the next padre command (alternately
 * another execute and a read-only `project list`) finishes the bookkeeping: clean work trees,
 * submodules in sync, no run left `running`, every finished run intact and committed.
 */
const KILLS = Number(process.env.PADRE_KILLS ?? 25)
const GRID = `knn.k=${Array.from({ length: 8 }, (_, i) => i + 1).join(',')}`
const SPLITS = 8 * 10

function execute(box: Sandbox, experiment: string) {
  return runAsync(box, ['experiment', 'execute', '--create-project', '--project', 'K', '--name', experiment, '--dataset', 'diabetes', '--estimator', 'knn', '--split', 'cv', '--folds', '10', '--grid', GRID, '--no-cache'])
}

/**
 * When to kill the i-th execute: a quarter at a moment of start-up and set-up (time-based), the
 * others when its progress output shows a given phase: during the computations, right after the
 * last computation (the run's commits), or at once on the run's start.
 */
function killPlan(i: number, span: number): { afterMs: number; when?: string } {
  const shuffled = ((i * 7) % 11) / 11
  switch (i % 4) {
    case 0: return { afterMs: shuffled * span }
    case 1: return { afterMs: 0, when: `[${1 + ((i * 13) % SPLITS)}/${SPLITS}]` }
    case 2: return { afterMs: shuffled * 60, when: `[${SPLITS}/${SPLITS}]` }
    default: return { afterMs: shuffled * 30, when: 'computations on diabetes' }
  }
}

async function killSweep(box: Sandbox, kills: number): Promise<{ kills: number; problemsRightAfterKill: string[]; interrupted: number; finished: RunRecord[] }> {
  const started = performance.now()
  const first = await execute(box, 'e0').done
  expect(first.status).toBe(0)
  const span = performance.now() - started
  const problemsRightAfterKill: string[] = []
  let delivered = 0
  for (let i = 0; i < kills; i++) {
    const plan = killPlan(i, span)
    const { child, done } = execute(box, `e${i % 3}`)
    let timer: NodeJS.Timeout | undefined
    const arm = () => { timer ??= setTimeout(() => child.kill('SIGKILL'), plan.afterMs) }
    if (!plan.when) arm()
    else {
      let seen = ''
      child.stderr!.on('data', (d) => { seen += d; if (seen.includes(plan.when!)) arm() })
    }
    const result = await done
    clearTimeout(timer)
    if (result.signal === 'SIGKILL') delivered++
    // fsck only: a kill may leave work to finish (a dirty tree), never a broken repository.
    for (const dir of allRepos(box.root)) problemsRightAfterKill.push(...fsckProblems(dir).map((p) => `after kill ${i} (${JSON.stringify(plan)}): ${p}`))
    if (i % 2 === 1) expect(box.run(['project', 'list']).status).toBe(0)
  }
  const runs = box.json<RunRecord[]>(['run', 'list', '--project', 'K'])
  return {
    kills: delivered, problemsRightAfterKill, interrupted: runs.filter((r) => r.status === 'interrupted').length,
    finished: runs.filter((r) => r.status === 'finished'),
  }
}

describe('a kill at any moment', () => {
  let box: Sandbox
  beforeAll(() => { box = sandbox() })
  afterAll(() => { if (!process.env.KEEP) rmSync(box.dir, { recursive: true, force: true }) })

  test(`${KILLS} SIGKILLs at moments spread over an execute: repositories sound at once, healed by the next command`, async () => {
    const { kills, problemsRightAfterKill, finished, interrupted } = await killSweep(box, KILLS)
    const runs = box.json<RunRecord[]>(['run', 'list', '--project', 'K'])
    const uncommitted = runs.filter((run) => {
      const exp = paths.experiment(box.root, run.project, run.experiment)
      return git(exp, 'show', `HEAD:executions/${run.execution}/runs/${run.run}/run.json`).out !== `${JSON.stringify(run, null, 2)}\n`
    })
    report({ kills: {
      kills, finished: finished.length, interrupted, brokenRightAfterKill: problemsRightAfterKill.length,
      leftRunning: runs.filter((r) => r.status === 'running').length, lost: uncommitted.length, dirtyAfterHeal: allRepos(box.root).flatMap(repoProblems).length,
    } })
    expect(problemsRightAfterKill).toEqual([])
    expect(kills).toBeGreaterThanOrEqual(KILLS * 0.6)
    expect(interrupted).toBeGreaterThanOrEqual(KILLS / 4)
    expect(uncommitted).toEqual([])
    expect(runs.filter((r) => r.status === 'running')).toEqual([])
    expect(finished.length).toBeGreaterThanOrEqual(1)
    for (const dir of allRepos(box.root)) expect(repoProblems(dir)).toEqual([])
    // Every run on disk, finished or interrupted, is committed in its experiment and linked in the project.
    for (const run of runs) {
      const exp = paths.experiment(box.root, run.project, run.experiment)
      const file = `executions/${run.execution}/runs/${run.run}/run.json`
      expect(JSON.parse(git(exp, 'show', `HEAD:${file}`).out)).toEqual(run)
      expect(git(paths.project(box.root, 'K'), 'rev-parse', `HEAD:experiments/${run.experiment}`).out.trim()).toBe(git(exp, 'rev-parse', 'HEAD').out.trim())
    }
    // `run get` agrees, and names the commit that recorded the interrupted run.
    const one = runs.find((r) => r.status === 'interrupted')!
    const got = box.json<{ run: RunRecord; commit?: string }>(['run', 'get', one.id])
    expect(got.run.status).toBe('interrupted')
    expect(got.commit).toMatch(/^[0-9a-f]{40}$/)
    // A finished run is complete: its metrics and every computation are in the commit.
    for (const run of finished) {
      const exp = paths.experiment(box.root, run.project, run.experiment)
      const files = git(exp, 'ls-tree', '-r', '--name-only', 'HEAD', `executions/${run.execution}/runs/${run.run}`).out.trim().split('\n')
      expect(files.filter((f) => f.endsWith('/computation.json'))).toHaveLength(SPLITS)
      expect(files.some((f) => f.endsWith(`${run.run}/metrics.json`))).toBe(true)
    }
  }, 60_000 + KILLS * 10_000)

  test('kills while projects and experiments are being created: healed into one create commit each, all clean', async () => {
    const markers = ['Created project', 'Created experiment', 'Created execution']
    for (let j = 0; j < 9; j++) {
      const { child, done } = runAsync(box, ['experiment', 'execute', '--create-project', '--project', `Q${j % 3}`, '--name', `n${j}`, '--dataset', 'iris', '--estimator', 'gaussianNB'])
      let seen = ''
      let timer: NodeJS.Timeout | undefined
      child.stderr!.on('data', (d) => {
        seen += d
        if (seen.includes(markers[j % 3])) timer ??= setTimeout(() => child.kill('SIGKILL'), (j % 4) * 4)
      })
      await done
      clearTimeout(timer)
      for (const dir of allRepos(box.root)) expect(fsckProblems(dir)).toEqual([])
    }
    expect(box.run(['project', 'list']).status).toBe(0)
    for (const dir of allRepos(box.root)) expect(repoProblems(dir)).toEqual([])
    // No folder left half-made: every project and experiment folder is a repository with its record.
    for (const dir of allFolders(box.root)) expect(readdirSync(dir).filter((n) => n === '.git' || /^(project|experiment)\.json$/.test(n)).sort()).toEqual(['.git', expect.stringMatching(/\.json$/)])
    for (let p = 0; p < 3; p++) {
      const project = paths.project(box.root, `Q${p}`)
      expect(git(project, 'log', '--format=%s').out.split('\n').filter((l) => l === 'Create project')).toHaveLength(1)
      for (const e of box.json<Array<{ name: string }>>(['experiment', 'list', '--project', `Q${p}`])) {
        const exp = paths.experiment(box.root, `Q${p}`, e.name)
        expect(git(exp, 'log', '--format=%s').out.split('\n').filter((l) => l.startsWith('Create experiment'))).toHaveLength(1)
        expect(git(project, 'rev-parse', `HEAD:experiments/${e.name}`).out.trim()).toBe(git(exp, 'rev-parse', 'HEAD').out.trim())
      }
    }
  }, 120_000)
})
