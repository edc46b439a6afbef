import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/core/model/types.js'
import type { Sandbox } from './cli.js'

/**
 * A knn experiment with one run, and the moves a derived file under root/index must notice: for the
 * freshness tests of the stored answers and of the query columns.
 */
export function knnExperiment(box: Sandbox, project: string) {
  const exec = (seed: string) => box.json<{ run: RunRecord }>(['experiment', 'execute', '--create-project', '-p', project, '--name', 'knn', '--dataset', 'iris', '--estimator', 'knn', '--seed', seed]).run
  const first = exec('1')
  const expDir = join(box.root, 'projects', project, 'experiments', 'knn')
  const git = (dir: string, args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' })
  // a runs folder changed within the last second is not trusted: date it back, as time would
  let back = 0
  const age = () => {
    const t = new Date(Date.now() - 60_000 - ++back * 1000)
    for (const v of readdirSync(join(expDir, 'executions'))) if (existsSync(join(expDir, 'executions', v, 'runs'))) utimesSync(join(expDir, 'executions', v, 'runs'), t, t)
  }
  /** The first run's status set to cancelled in a clone, committed there, and pulled into the experiment. */
  const pullCancelledFirstRun = () => {
    const clone = join(box.dir, 'clone')
    git(box.dir, ['clone', '-q', expDir, clone])
    const file = join(clone, 'executions', first.execution, 'runs', first.run, 'run.json')
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), status: 'cancelled' }, null, 2))
    git(clone, ['commit', '-qam', 'edited elsewhere'])
    git(expDir, ['pull', '-q', '--no-rebase', clone, 'HEAD'])
  }
  return { exec, first, expDir, runsDir: join(expDir, 'executions', first.execution, 'runs'), age, pullCancelledFirstRun }
}
