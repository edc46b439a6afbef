import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ResultsFile, RunRecord } from '../../src/core/model/types.js'
import type { ExecuteResult } from '../../src/core/services/execute.js'
import type { ReproduceResult } from '../../src/core/services/reproduce.js'
import { addRemote, clone, push } from '../../src/backends/git/remote.js'
import { REPO, sandbox } from '../helpers/cli.js'
import { startGitHttpServer } from '../helpers/git-http-server.js'

const runDir = (root: string, r: RunRecord) => join(root, 'projects', r.project, 'experiments', r.experiment, 'executions', r.execution, 'runs', r.run)

describe('run reproduce', () => {
  const box = sandbox()
  const flagsRun = box.json<ExecuteResult>(['experiment', 'execute', '--create-project', '-p', 'Rep', '--name', 'flags', '--dataset', 'iris', '--transformer', 'pca',
    '--estimator', 'logisticRegression', '--grid', 'logisticRegression.C=0.5,2', '--split', 'stratified', '--folds', '3', '--seed', '4']).run
  const definition = join(box.dir, 'def.ts')
  writeFileSync(definition, readFileSync(join(REPO, 'examples', 'iris-svc.ts'), 'utf8').replace("project: 'Examples'", "project: 'Rep'"))
  const fileRun = box.json<ExecuteResult>(['experiment', 'execute', '--file', definition]).run

  it('replays a flags-only run: every computation bit-identical, exit 0', () => {
    const result = box.json<ReproduceResult>(['run', 'reproduce', flagsRun.id])
    expect(result.identical).toBe(true)
    expect(result.computations).toHaveLength(6)
    expect(result.computations.every((c) => c.identical && c.differences.length === 0)).toBe(true)
  })

  it('replays a definition-file run from the stored source alone, the file itself gone', () => {
    rmSync(definition)
    const r = box.run(['run', 'reproduce', fileRun.id])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/reproduced: 5 computations bit-identical/)
  })

  it('exits non-zero and lists what differs when a recorded prediction does not come back, with the environment differences beside it', () => {
    const file = join(runDir(box.root, flagsRun), 'computations', 'split-1-point-1', 'results.json')
    const results = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile
    const row = results.rows[2]
    row.predicted = row.predicted === 'setosa' ? 'virginica' : 'setosa'
    writeFileSync(file, JSON.stringify(results))
    const runFile = join(runDir(box.root, flagsRun), 'run.json')
    const record = JSON.parse(readFileSync(runFile, 'utf8')) as RunRecord
    writeFileSync(runFile, JSON.stringify({ ...record, environment: { ...record.environment, node: 'v0.0.1' } }))

    const human = box.run(['run', 'reproduce', flagsRun.id])
    expect(human.status).toBe(1)
    expect(human.stdout).toMatch(new RegExp(`split-1-point-1 .*NO .*row ${row.index}: predicted ${row.predicted}`))
    expect(human.stderr).toMatch(/Environment then → now: node v0\.0\.1 → v\d+/)
    expect(human.stderr).toMatch(/Error: Run .* did not reproduce: 1 of 6 computations differ\./)
    const json = box.run(['run', 'reproduce', flagsRun.id, '--json'])
    expect(json.status).toBe(1)
    const result = JSON.parse(json.stdout) as ReproduceResult
    expect(result.identical).toBe(false)
    expect(result.environment.node[0]).toBe('v0.0.1')
  })

  it('replays on a fresh `project clone`', async () => {
    const server = await startGitHttpServer({ root: join(box.dir, 'server') })
    try {
      await server.createRepo('Rep.git')
      for (const e of ['flags', 'iris-svc']) await server.createRepo(`Rep.git/experiments/${e}`)
      await addRemote(box.root, 'Rep', 'origin', `${server.url}/Rep.git`)
      await push(box.root, 'Rep')
      const fresh = sandbox()
      await clone(fresh.root, `${server.url}/Rep.git`)
      const r = fresh.run(['run', 'reproduce', fileRun.id])
      expect(r.status).toBe(0)
      expect(r.stdout).toMatch(/reproduced: 5 computations bit-identical/)
    } finally {
      await server.close()
    }
  })

  it('says which run is missing, one line', () => {
    const r = box.run(['run', 'reproduce', 'Rep:flags:nope:nope'])
    expect(r.status).toBe(3)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})
