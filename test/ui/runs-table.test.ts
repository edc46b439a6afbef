import type { RunMetrics, RunRecord } from '../../src/core/model/types.js'
import { filterRuns } from '../../src/ui/server/query.js'
import { runDocs } from '../../src/ui/server/run-docs.js'
import { RunsTable } from '../../src/ui/server/runs-table.js'

function run(i: number, experiment: string, k: number | number[], accuracy: number | number[], status: RunRecord['status'] = 'finished'): { run: RunRecord; metrics?: RunMetrics } {
  const ks = Array.isArray(k) ? k : [k]
  const acc = Array.isArray(accuracy) ? accuracy : [accuracy]
  const name = `2026110${i}T000000000Z-000${i}`
  const record = {
    schemaVersion: 1, id: `P:${experiment}:spec-1:${name}`, project: 'P', experiment, execution: 'spec-1', run: name, status,
    startedAt: `2026-11-0${i}T00:00:00.000Z`, dataset: 'iris', pipeline: [{ component: 'knn', params: {} }], split: { strategy: 'cv' }, seed: 1,
    points: ks.map((v) => ({ 'knn.k': v, 'knn.weights': 'uniform' })), environment: {} as RunRecord['environment'],
  } as RunRecord
  if (status !== 'finished') return { run: record }
  return { run: record, metrics: { schemaVersion: 1, points: ks.map((v, p) => ({ point: p, parameters: { 'knn.k': v, 'knn.weights': 'uniform' }, mean: { accuracy: acc[p] }, std: { accuracy: 0.01 }, splits: 3 })) } }
}

const docs = [run(1, 'a', [1, 5], [0.9, 0.95]), run(2, 'a', 3, 0.97), run(3, 'b', 7, 0.8), run(4, 'b', 9, 0, 'failed')].flatMap(({ run, metrics }) => runDocs(run, metrics))

describe('runs table (server side)', () => {
  it('makes one row per grid point, nested params for the query, and a row for a run without metrics', () => {
    expect(docs).toHaveLength(5)
    expect(docs[1]).toMatchObject({ point: 1, params: { knn: { k: 5, weights: 'uniform' } }, metrics: { accuracy: 0.95 } })
    expect(docs[4]).toMatchObject({ status: 'failed', params: { knn: { k: 9 } }, metrics: {} })
  })

  it('shows only the parameters that vary, sorts by a metric with missing values last, pages', async () => {
    const table = new RunsTable()
    const page = await table.page(docs, { sort: 'metrics.accuracy', offset: 0, limit: 3 })
    expect(page.params).toEqual(['knn.k'])
    expect(page.allParams).toEqual(['knn.k', 'knn.weights'])
    expect(page.total).toBe(5)
    expect(page.rows.map((r) => r.metrics.accuracy)).toEqual([0.97, 0.95, 0.9])
    const next = await table.page(docs, { sort: 'metrics.accuracy', offset: 3, limit: 3 })
    expect(next.rows.map((r) => r.metrics.accuracy)).toEqual([0.8, undefined])
    const up = await table.page(docs, { sort: 'metrics.accuracy', desc: false, offset: 0, limit: 5 })
    expect(up.rows.map((r) => r.metrics.accuracy)).toEqual([0.8, 0.9, 0.95, 0.97, undefined])
    const byK = await table.page(docs, { sort: 'params.knn.k', offset: 0, limit: 5 })
    expect(byK.rows.map((r) => r.params['knn.k'])).toEqual([1, 3, 5, 7, 9])
    const newest = await table.page(docs, { offset: 0, limit: 5 })
    expect(newest.rows.map((r) => r.startedAt.slice(0, 10))).toEqual(['2026-11-04', '2026-11-03', '2026-11-02', '2026-11-01', '2026-11-01'])
  })

  it('scopes to an experiment and filters with a Mongo-style query', async () => {
    const page = await new RunsTable().page(docs, { experiment: 'a', q: '{"params.knn.k": {"$gte": 3}}', offset: 0, limit: 10 })
    expect(page.rows.map((r) => r.params['knn.k']).sort()).toEqual([3, 5])
    expect((await filterRuns(docs, '{"$or": [{"status": "failed"}, {"metrics.accuracy": {"$lt": 0.85}}]}')).map((d) => d.params.knn.k)).toEqual([7, 9])
    expect((await filterRuns(docs, 'status = failed or metrics.accuracy < 0.85')).map((d) => d.params.knn.k)).toEqual([7, 9])
    expect(await filterRuns(docs, '  ')).toBe(docs)
  })

  it('refuses bad queries and sorts with a message', async () => {
    await expect(filterRuns(docs, '{"a":')).rejects.toThrow(/not valid JSON/)
    await expect(filterRuns(docs, '{"status": {"$bogus": 1}}')).rejects.toThrow(/\$bogus/)
    await expect(filterRuns(docs, '{"metrcs.accuracy": 1}')).rejects.toThrow(/metrics\.accuracy/)
    await expect(filterRuns(docs, 'metrics.accuracy >')).rejects.toThrow(/position/)
    await expect(new RunsTable().page(docs, { sort: 'nope', offset: 0, limit: 1 })).rejects.toThrow(/Cannot sort by 'nope'/)
  })
})
