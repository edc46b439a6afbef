import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/core/model/types.js'
import { sandbox } from '../helpers/cli.js'

// The derived run index never goes stale: padre's own runs update it, and a commit made by hand, a
// run folder written by another process, a reset and a deleted index are all noticed on the next read.
describe('the run index', () => {
  const box = sandbox()
  const first = box.json<{ run: RunRecord }>(['experiment', 'execute', '--create-project', '-p', 'Ix', '--name', 'knn', '--dataset', 'iris', '--estimator', 'knn', '--seed', '1']).run
  const expDir = join(box.root, 'projects', 'Ix', 'experiments', 'knn')
  const runDir = (r: RunRecord) => join(expDir, 'executions', r.execution, 'runs', r.run)
  const git = (args: string[]) => execFileSync('git', ['-C', expDir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' })
  const list = () => box.json<RunRecord[]>(['run', 'list', '-p', 'Ix'])
  // with a small --limit, or a query, the order comes from the slim summaries and the records from the run folders
  const few = () => box.json<RunRecord[]>(['run', 'list', '-p', 'Ix', '--limit', '5'])
  const queried = () => box.json<RunRecord[]>(['run', 'list', '-p', 'Ix', '--filter', 'status = cancelled'])
  const indexFile = join(box.root, 'index', 'Ix', 'knn.ndjson')

  it('lives outside the repositories and follows padre\'s own runs without a rebuild', () => {
    expect(list().map((r) => r.id)).toEqual([first.id])
    expect(existsSync(indexFile)).toBe(true)
    const head = readFileSync(join(box.root, 'index', 'Ix', 'knn.head'), 'utf8').trim()
    const second = box.json<{ run: RunRecord }>(['experiment', 'execute', '--create-project', '-p', 'Ix', '--name', 'knn', '--dataset', 'iris', '--estimator', 'knn', '--seed', '2']).run
    // the run's commit moved HEAD by one commit whose parent the index knew: the index stays fresh and holds the run
    const newHead = git(['rev-parse', 'HEAD']).trim()
    expect(git(['rev-parse', 'HEAD~1']).trim()).toBe(head)
    expect(readFileSync(join(box.root, 'index', 'Ix', 'knn.head'), 'utf8').trim()).toBe(newHead)
    expect(readFileSync(indexFile, 'utf8')).toContain(second.id)
    expect(list().map((r) => r.id)).toEqual([second.id, first.id])
    expect(box.json<RunRecord>(['run', 'tag', second.id, 'k=v']).tags).toEqual({ k: 'v' })
    expect(list()[0].tags).toEqual({ k: 'v' })
  })

  it('notices a hand edit committed with git, a run folder copied in, a reset, and a deleted index', () => {
    const file = join(runDir(first), 'run.json')
    const edited = { ...JSON.parse(readFileSync(file, 'utf8')), status: 'cancelled' }
    writeFileSync(file, JSON.stringify(edited, null, 2))
    git(['commit', '-qam', 'hand edit'])
    expect(list().find((r) => r.id === first.id)?.status).toBe('cancelled')
    expect(few().find((r) => r.id === first.id)?.status).toBe('cancelled')
    expect(queried().map((r) => r.id)).toEqual([first.id])

    const copy = { ...edited, run: 'zz-copied', id: `${first.project}:${first.experiment}:${first.execution}:zz-copied`, startedAt: '2099-01-01T00:00:00.000Z' }
    cpSync(runDir(first), join(runDir(first), '..', 'zz-copied'), { recursive: true })
    writeFileSync(join(runDir(first), '..', 'zz-copied', 'run.json'), JSON.stringify(copy))
    expect(list()[0].id).toBe(copy.id)
    expect(few()[0]).toEqual(list()[0])
    rmSync(join(runDir(first), '..', 'zz-copied'), { recursive: true })
    expect(list().map((r) => r.id)).not.toContain(copy.id)
    expect(few().map((r) => r.id)).not.toContain(copy.id)

    git(['reset', '-q', '--hard', 'HEAD~1'])
    expect(list().find((r) => r.id === first.id)?.status).toBe('finished')
    expect(few().find((r) => r.id === first.id)?.status).toBe('finished')
    expect(queried()).toEqual([])

    rmSync(join(box.root, 'index'), { recursive: true })
    expect(list()).toHaveLength(2)
    expect(existsSync(indexFile)).toBe(true)
  })
})
