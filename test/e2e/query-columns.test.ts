import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/core/model/types.js'
import { sandbox } from '../helpers/cli.js'
import { knnExperiment } from '../helpers/index-freshness.js'

// --where/--filter narrow the runs on the index's query columns (<root>/index/<p>/<e>.cols) before mingo
// judges them. The columns are used while fresh, and never after a new run, a pull, a run folder copied
// in; deleted or corrupted, they are made again. Expected answers come from the full `run list --json`.
describe('the query columns of the run index', () => {
  const box = sandbox()
  const { exec, first, runsDir, age, pullCancelledFirstRun } = knnExperiment(box, 'Qc')
  const cols = join(box.root, 'index', 'Qc', 'knn.cols')
  const ids = (runs: RunRecord[]) => runs.map((r) => r.id).sort()
  const where = (status: string) => ids(box.json<RunRecord[]>(['run', 'list', '--where', JSON.stringify({ status })]))
  const expected = (status: string) => ids(box.json<RunRecord[]>(['run', 'list']).filter((r) => r.status === status))
  const fresh = () => {
    for (const status of ['finished', 'cancelled']) expect(where(status)).toEqual(expected(status))
  }

  it('are made by a query and then used: their candidates are all mingo sees', () => {
    age()
    expect(where('finished')).toEqual([first.id])
    expect(existsSync(cols)).toBe(true)
    // proof that the columns are read: rename the status value in the file's dictionary (same length)
    const data = readFileSync(cols)
    const at = data.indexOf('"finished"')
    expect(at).toBeGreaterThan(0)
    data.write('"finishex"', at)
    writeFileSync(cols, data)
    expect(where('finished')).toEqual([])
    rmSync(cols)
    expect(where('finished')).toEqual([first.id])
  })

  it('are not used after a new run', () => {
    const second = exec('2')
    age()
    expect(where('finished')).toEqual([first.id, second.id].sort())
    fresh()
  })

  it('are not used after a git pull', () => {
    pullCancelledFirstRun()
    age()
    expect(where('cancelled')).toEqual([first.id])
    fresh()
  })

  it('are not used after a run folder is copied in or removed', () => {
    const copy = join(runsDir, 'zz-copied')
    cpSync(join(runsDir, first.run), copy, { recursive: true })
    const record = JSON.parse(readFileSync(join(copy, 'run.json'), 'utf8')) as RunRecord
    const id = `${record.project}:${record.experiment}:${record.execution}:zz-copied`
    writeFileSync(join(copy, 'run.json'), JSON.stringify({ ...record, run: 'zz-copied', id }))
    age()
    expect(where('cancelled')).toContain(id)
    fresh()
    rmSync(copy, { recursive: true })
    age()
    expect(where('cancelled')).not.toContain(id)
    fresh()
  })

  it('are made again when deleted or corrupted', () => {
    const good = readFileSync(cols)
    for (const bad of [Buffer.alloc(0), Buffer.from('garbage'), good.subarray(0, good.length - 9), good.subarray(0, 20)]) {
      writeFileSync(cols, bad)
      fresh()
      expect(readFileSync(cols).length).toBeGreaterThan(100)
    }
    rmSync(join(box.root, 'index'), { recursive: true })
    fresh()
    expect(existsSync(cols)).toBe(true)
  })
})

// --status takes the full path (every summary becomes documents); on a store whose runs all finished it
// must print exactly what the narrowed path prints, errors included.
describe('a query narrowed by the columns against the full path', () => {
  const box = sandbox()
  const exec = (args: string[]) => box.json(['experiment', 'execute', '--create-project', '-p', 'Qf', '--seed', '1', ...args])
  exec(['--name', 'knn', '--dataset', 'iris', '--estimator', 'knn', '--grid', 'knn.k=1,5,9'])
  exec(['--name', 'gnb', '--dataset', 'iris', '--estimator', 'gaussianNB'])
  const queries: string[][] = [
    ['--where', '{"metrics.accuracy": {"$gt": 0.9}}', '--columns', 'run,params.knn.k,metrics.accuracy'],
    ['--filter', 'params.knn.k in (1, 9)', '--sort', 'accuracy', '--format', 'csv'],
    ['--where', '{"$or": [{"params.knn.k": 5}, {"experiment": "gnb"}]}', '--limit', '1'],
    ['--where', '{"params.knn.k": {"$gte": 5, "$lt": 9}}', '--json'],
    ['--where', '{"metrics.accuracy": {"$gt": 2}}'],
    ['--where', '{"metrics.acuracy": 1}'],
    ['--filter', 'params.knn.kk = 1'],
    ['--where', '{"params.knn.k": 5}', '--columns', 'nope'],
  ]
  it.each(queries.map((q) => [q.join(' '), q]))('%s', (_, q) => {
    const narrowed = box.run(['run', 'list', ...(q as string[])])
    const full = box.run(['run', 'list', '--status', 'finished', ...(q as string[])])
    expect(narrowed.stdout.length + narrowed.stderr.length).toBeGreaterThan(0)
    expect(narrowed).toEqual(full)
  })
})

// compare_metrics has no --status: there, the same query wrapped in a double $nor (which the columns
// cannot narrow, so every run is a candidate) must print what the narrowed query prints.
describe('compare_metrics narrowed by the columns', () => {
  const box = sandbox()
  const exec = (args: string[]) => box.json(['experiment', 'execute', '--create-project', '-p', 'Qm', '--seed', '1', ...args])
  exec(['--name', 'knn', '--dataset', 'iris', '--estimator', 'knn', '--grid', 'knn.k=1,5,9'])
  exec(['--name', 'gnb', '--dataset', 'iris', '--estimator', 'gaussianNB'])
  const queries: Array<[object, string[]]> = [
    [{ 'metrics.accuracy': { $gt: 0.9 } }, []],
    [{ 'params.knn.k': { $in: [1, 9] } }, ['--sort', 'knn.k', '--format', 'csv']],
    [{ $or: [{ 'params.knn.k': 5 }, { experiment: 'gnb' }] }, ['--limit', '1', '--json']],
    [{ 'params.knn.k': { $gte: 5 } }, ['--sort', 'params.knn.k:desc', '--wide']],
    [{ 'metrics.accuracy': { $gt: 2 } }, []],
    [{ 'metrics.acuracy': 1 }, []],
    [{ 'params.knn.k': 5 }, ['--sort', 'nope']],
  ]
  it.each(queries.map(([q, flags]) => [`${JSON.stringify(q)} ${flags.join(' ')}`, q, flags]))('%s', (_, q, flags) => {
    const run = (where: object) => box.run(['metric', 'compare_metrics', '--where', JSON.stringify(where), ...(flags as string[])])
    const narrowed = run(q as object)
    const wide = run({ $nor: [{ $nor: [q] }] })
    expect(narrowed.stdout.length + narrowed.stderr.length).toBeGreaterThan(0)
    expect(narrowed).toEqual(wide)
  })
})
