import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import type { RunRecord } from '../../src/core/model/types.js'
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js'
import { allRepos, repoProblems } from './repo-checks.js'

describe('output to a closed pipe', () => {
  let box: Sandbox
  beforeAll(() => { box = sandbox() })
  afterAll(() => rmSync(box.dir, { recursive: true, force: true }))

  test('`padre experiment execute … 2>&1 | head -5` finishes and commits the run', () => {
    const execute = `"${process.execPath}" "${BIN}" experiment execute --create-project --project P --name piped --dataset diabetes --estimator knn --split cv --folds 10 --grid knn.k=1,2,3,4,5,6`
    // pipefail: the exit status is padre's, not head's; head leaves after 5 of about 65 lines.
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `${execute} 2>&1 | head -5`], {
      encoding: 'utf8', cwd: box.dir, env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true', DEBUG: '' },
    })
    expect(r.stdout.trim().split('\n')).toHaveLength(5)
    expect(r.status).toBe(0)
    const runs = box.json<RunRecord[]>(['run', 'list', '--project', 'P'])
    expect(runs.map((run) => run.status)).toEqual(['finished'])
    for (const dir of allRepos(box.root)) expect(repoProblems(dir)).toEqual([])
  })
})
