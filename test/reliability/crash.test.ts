import { rmSync } from 'node:fs'
import { paths } from '../../src/core/model/paths.js'
import type { RunRecord } from '../../src/core/model/types.js'
import { sandbox, type Sandbox } from '../helpers/cli.js'
import { allRepos, git, repoProblems, report, runAsync } from './repo-checks.js'

/**
 * SIGKILL an execute at moments spread over its whole life (start-up, project and experiment
 * creation, computations, the experiment commit, the project commit), then check that native git
 * finds every repository sound right after each kill, and that the next padre command (alternately
 * another execute and a read-only `project list`) finishes the bookkeeping: clean work trees,
 * submodules in sync, no run left `running`, every finished run intact and committed.
 */
const KILLS = Number(process.env.PADRE_KILLS ?? 25)
const GRID = `knn.k=${Array.from({ length: 8 }, (_, i) => i + 1).join(',')}`

function execute(box: Sandbox, experiment: string) {
  return runAsync(box, ['experiment', 'execute', '--project', 'K', '--name', experiment, '--dataset', 'diabetes', '--estimator', 'knn', '--split', 'cv', '--folds', '10', '--grid', GRID])
}

async function killSweep(box: Sandbox, kills: number): Promise<{ kills: number; problemsRightAfterKill: string[]; interrupted: number; finished: RunRecord[] }> {
  const started = performance.now()
  const first = await execute(box, 'e0').done
  expect(first.status).toBe(0)
  const span = performance.now() - started
  const problemsRightAfterKill: string[] = []
  for (let i = 0; i < kills; i++) {
    // Spread over [0, 1.2 × the run's length], shuffled by a fixed stride so each phase is hit.
    const at = (((i * 7) % kills) / kills) * span * 1.2
    const { child, done } = execute(box, `e${i % 3}`)
    const timer = setTimeout(() => child.kill('SIGKILL'), at)
    await done
    clearTimeout(timer)
    // fsck only: a kill may leave work to finish (a dirty tree), never a broken repository.
    for (const dir of allRepos(box.root)) {
      const fsck = git(dir, 'fsck', '--full', '--strict', '--no-progress', '--no-dangling')
      if (fsck.status !== 0 || fsck.out.trim()) problemsRightAfterKill.push(`after kill ${i} at ${Math.round(at)} ms: ${dir}: ${fsck.out.trim()}`)
    }
    if (i % 2 === 1) expect(box.run(['project', 'list']).status).toBe(0)
  }
  const runs = box.json<RunRecord[]>(['run', 'list', '--project', 'K'])
  return {
    kills, problemsRightAfterKill, interrupted: runs.filter((r) => r.status === 'interrupted').length,
    finished: runs.filter((r) => r.status === 'finished'),
  }
}

describe('a kill at any moment', () => {
  let box: Sandbox
  beforeAll(() => { box = sandbox() })
  afterAll(() => rmSync(box.dir, { recursive: true, force: true }))

  test(`${KILLS} SIGKILLs at moments spread over an execute: repositories sound at once, healed by the next command`, async () => {
    const { problemsRightAfterKill, finished, interrupted } = await killSweep(box, KILLS)
    const runs = box.json<RunRecord[]>(['run', 'list', '--project', 'K'])
    const uncommitted = runs.filter((run) => {
      const exp = paths.experiment(box.root, run.project, run.experiment)
      return git(exp, 'show', `HEAD:executions/${run.execution}/runs/${run.run}/run.json`).out !== `${JSON.stringify(run, null, 2)}\n`
    })
    report({ kills: {
      kills: KILLS, finished: finished.length, interrupted, brokenRightAfterKill: problemsRightAfterKill.length,
      leftRunning: runs.filter((r) => r.status === 'running').length, lost: uncommitted.length, dirtyAfterHeal: allRepos(box.root).flatMap(repoProblems).length,
    } })
    expect(problemsRightAfterKill).toEqual([])
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
    // A finished run is complete: its metrics and every computation are in the commit.
    for (const run of finished) {
      const exp = paths.experiment(box.root, run.project, run.experiment)
      const files = git(exp, 'ls-tree', '-r', '--name-only', 'HEAD', `executions/${run.execution}/runs/${run.run}`).out.trim().split('\n')
      expect(files.filter((f) => f.endsWith('/computation.json'))).toHaveLength(8 * 10)
      expect(files.some((f) => f.endsWith(`${run.run}/metrics.json`))).toBe(true)
    }
  }, 60_000 + KILLS * 10_000)
})
