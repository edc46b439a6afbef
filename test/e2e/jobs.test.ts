import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { ExecuteResult } from '../../src/core/services/execute.js'
import { recordedComputations } from '../helpers/recorded-computations.js'
import { sandbox } from '../helpers/cli.js'
import { git } from '../git/fixtures.js'


const grid = (name: string, jobs: string) => [
  'experiment', 'execute', '--create-project', '-p', 'Jobs', '--name', name, '--dataset', 'iris', '--transformer', 'standardScaler',
  '--estimator', 'knn', '--grid', 'knn.k=1,5,9', '--split', 'stratified', '--folds', '4', '--seed', '3', '--jobs', jobs,
]

describe('experiment execute --jobs (worker threads)', () => {
  const box = sandbox()
  const pooled = box.run([...grid('pooled', '2'), '--json'])
  const serial = box.run([...grid('serial', '1'), '--json'])

  it('records on two worker threads exactly what one process records, in split/point order', () => {
    expect(pooled.status).toBe(0)
    expect(serial.status).toBe(0)
    const a = JSON.parse(pooled.stdout) as ExecuteResult
    const b = JSON.parse(serial.stdout) as ExecuteResult
    expect(a.metrics.points).toEqual(b.metrics.points)
    const files = recordedComputations(box.root, a.run)
    expect(Object.keys(files)).toHaveLength(12 * 3)
    expect(files).toEqual(recordedComputations(box.root, b.run))
  })

  it('commits the pooled run like a serial one: one run commit, clean and fsck-clean', () => {
    const experiment = join(box.root, 'projects', 'Jobs', 'experiments', 'pooled')
    expect(git(experiment, 'log', '--format=%s').split('\n').filter((l) => l.startsWith('run '))).toHaveLength(1)
    expect(git(experiment, 'status', '--porcelain')).toBe('')
    git(experiment, 'fsck', '--full', '--strict')
  })

  it('prints a progress line per computation, in order', () => {
    const progress = box.run(grid('progress', '2'))
    expect(progress.status).toBe(0)
    expect(progress.stderr).toMatch(/12 computations on iris, 2 worker threads/)
    const done = [...progress.stderr.matchAll(/^\[(\d+)\/12\]/gm)].map((m) => Number(m[1]))
    expect(done).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
  })

  it('refuses --jobs 0 with one line, storing nothing', () => {
    const r = box.run(['experiment', 'execute', '--create-project', '-p', 'Zero', '--name', 'z', '--dataset', 'iris', '--estimator', 'knn', '--jobs', '0'])
    expect(r.status).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/--jobs must be a whole number of at least 1/)
    expect(existsSync(join(box.root, 'projects', 'Zero'))).toBe(false)
  })
})
