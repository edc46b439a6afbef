import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ComputationRecord } from '../../src/core/model/types.js'
import type { ExecuteResult } from '../../src/core/services/execute.js'
import { sandbox } from '../helpers/cli.js'
import { addRemote, clone, push } from '../../src/backends/git/remote.js'
import { startGitHttpServer } from '../helpers/git-http-server.js'

const flags = (seed: number) => [
  'experiment', 'execute', '--create-project', '-p', 'Cache', '--name', 'grid', '--dataset', 'iris', '--estimator', 'knn',
  '--grid', 'knn.k=3,7', '--split', 'cv', '--folds', '3', '--seed', String(seed),
]

function computations(root: string, run: ExecuteResult['run']): Array<{ record: ComputationRecord; results: string; metrics: string }> {
  const dir = join(root, 'projects', run.project, 'experiments', run.experiment, 'executions', run.execution, 'runs', run.run, 'computations')
  return [0, 1, 2].flatMap((s) => [0, 1].map((p) => {
    const c = join(dir, `split-${s}-point-${p}`)
    return {
      record: JSON.parse(readFileSync(join(c, 'computation.json'), 'utf8')) as ComputationRecord,
      results: readFileSync(join(c, 'results.json'), 'utf8'),
      metrics: readFileSync(join(c, 'metrics.json'), 'utf8'),
    }
  }))
}

describe('run-cache: identical computations are reused, not recomputed', () => {
  const box = sandbox()
  const first = box.json<ExecuteResult>(flags(1))
  const again = box.run(flags(1))
  const second = JSON.parse(box.run([...flags(1), '--json']).stdout) as ExecuteResult

  it('records every computation of an unchanged rerun as reused, with the same results and a reference to the original', () => {
    expect(again.status).toBe(0)
    expect(again.stderr.match(/reused from run /g)).toHaveLength(6)
    const original = computations(box.root, first.run)
    const reused = computations(box.root, second.run)
    reused.forEach((c, i) => {
      expect(c.record.reusedFrom).toBe(original[i].record.id)
      expect(c.record.cacheKey).toBe(original[i].record.cacheKey)
      expect(c.results).toBe(original[i].results)
      expect(c.metrics).toBe(original[i].metrics)
    })
    expect(original.every((c) => c.record.reusedFrom === undefined && /^[0-9a-f]{64}$/.test(c.record.cacheKey!))).toBe(true)
    expect(second.metrics.points).toEqual(first.metrics.points)
  })

  it('computes again with --no-cache, and for another seed', () => {
    const forced = box.json<ExecuteResult>([...flags(1), '--no-cache'])
    expect(computations(box.root, forced.run).every((c) => c.record.reusedFrom === undefined)).toBe(true)
    const otherSeed = box.json<ExecuteResult>(flags(2))
    expect(computations(box.root, otherSeed.run).every((c) => c.record.reusedFrom === undefined)).toBe(true)
  })

  it('survives `project clone`: the records are the cache', async () => {
    const server = await startGitHttpServer({ root: join(box.dir, 'server') })
    try {
      await server.createRepo('Cache.git')
      await server.createRepo('Cache.git/experiments/grid')
      await addRemote(box.root, 'Cache', 'origin', `${server.url}/Cache.git`)
      await push(box.root, 'Cache')
      const other = sandbox()
      await clone(other.root, `${server.url}/Cache.git`)
      const cloned = other.run(flags(1))
      expect(cloned.status).toBe(0)
      expect(cloned.stderr.match(/reused from run /g)).toHaveLength(6)
    } finally {
      await server.close()
    }
  })
})
