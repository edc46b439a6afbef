import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RunIndex } from '../../src/backends/index/run-index.js'
import type { RunRecord } from '../../src/core/model/types.js'

function store(): { root: string; write: (run: string, accuracy: number) => RunRecord } {
  const root = mkdtempSync(join(tmpdir(), 'padre-index-'))
  return {
    root,
    write(run, accuracy) {
      const dir = join(root, 'projects', 'P', 'experiments', 'E', 'executions', 'v1', 'runs', run)
      mkdirSync(dir, { recursive: true })
      const record = { id: `P:E:v1:${run}`, project: 'P', experiment: 'E', execution: 'v1', run, status: 'finished', startedAt: run } as unknown as RunRecord
      writeFileSync(join(dir, 'run.json'), JSON.stringify(record))
      writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ schemaVersion: 1, points: [{ point: 0, parameters: {}, mean: { accuracy }, std: {}, splits: 1 }] }))
      return record
    },
  }
}

describe('RunIndex', () => {
  it('reads new run folders only once, keeps annotations\' metrics, and rebuilds after a torn append', async () => {
    const s = store()
    const a = s.write('a', 0.5)
    const index = new RunIndex(s.root)
    expect(index.entries('P', 'E').map((e) => e.metrics?.points[0].mean.accuracy)).toEqual([0.5])
    s.write('b', 0.7)
    expect(index.entries('P', 'E').map((e) => e.run.run).sort()).toEqual(['a', 'b'])
    // an annotation (metrics undefined) keeps the metrics it had
    await index.record({ ...a, tags: { x: 'y' } }, undefined, async () => [])
    const again = index.entries('P', 'E').find((e) => e.run.run === 'a')!
    expect(again.run.tags).toEqual({ x: 'y' })
    expect(again.metrics?.points[0].mean.accuracy).toBe(0.5)
    // a torn line (a crash mid-append) makes the next read rebuild from the files, which are the truth
    appendFileSync(index.file('P', 'E'), '{"key":"v1/a","run":{"id"')
    expect(index.entries('P', 'E').find((e) => e.run.run === 'a')?.run.tags).toBeUndefined()
    expect(readFileSync(index.file('P', 'E'), 'utf8').trim().split('\n')).toHaveLength(2)
  })

  it('does nothing on a recorded run before the first read builds it', async () => {
    const s = store()
    const a = s.write('a', 0.5)
    const index = new RunIndex(s.root)
    await index.record(a, null, async () => [])
    expect(() => readFileSync(index.file('P', 'E'))).toThrow()
  })

  it('keeps slim summaries equal to the entries through new folders, annotations, removals and a torn append', async () => {
    const s = store()
    const a = s.write('a', 0.5)
    const index = new RunIndex(s.root)
    const slim = () => index.summaries('P', 'E').map(({ run, metrics }) => ({ id: run.id, tags: run.tags, accuracy: metrics?.points[0].mean.accuracy })).sort((x, y) => x.id.localeCompare(y.id))
    const full = () => index.entries('P', 'E').map(({ run, metrics }) => ({ id: run.id, tags: run.tags, accuracy: metrics?.points[0].mean.accuracy })).sort((x, y) => x.id.localeCompare(y.id))
    expect(slim()).toEqual([{ id: 'P:E:v1:a', tags: undefined, accuracy: 0.5 }])
    expect(readFileSync(index.summaryFile('P', 'E'), 'utf8')).toContain('"a"')
    s.write('b', 0.7)
    expect(slim().map((e) => e.id)).toEqual(['P:E:v1:a', 'P:E:v1:b'])
    await index.record({ ...a, tags: { x: 'y' } }, undefined, async () => [])
    expect(slim()[0]).toEqual({ id: 'P:E:v1:a', tags: { x: 'y' }, accuracy: 0.5 })
    await index.record(a, { schemaVersion: 1, points: [{ point: 0, parameters: {}, mean: { accuracy: 0.9 }, std: {}, splits: 1 }] }, async () => [])
    expect(slim()[0].accuracy).toBe(0.9)
    expect(slim()).toEqual(full())
    rmSync(join(s.root, 'projects', 'P', 'experiments', 'E', 'executions', 'v1', 'runs', 'b'), { recursive: true })
    expect(slim().map((e) => e.id)).toEqual(['P:E:v1:a'])
    appendFileSync(index.file('P', 'E'), '{"key":"v1/a","run":{"id"')
    expect(slim()).toEqual([{ id: 'P:E:v1:a', tags: undefined, accuracy: 0.5 }])
    writeFileSync(index.summaryFile('P', 'E'), '{"stamp": "x", "rows": [')
    expect(slim()).toEqual(full())
  })
})
