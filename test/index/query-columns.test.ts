import fc from 'fast-check'
import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readColumns, writeColumns } from '../../src/backends/index/query-columns.js'
import { RunIndex } from '../../src/backends/index/run-index.js'
import { fromRow, rowOf, type Row, type SummaryEntry } from '../../src/backends/index/run-summaries.js'
import { runDocuments } from '../../src/core/query/documents.js'
import { matchQuery } from '../../src/core/query/match.js'
import type { MongoQuery } from '../../src/core/query/where.js'

// The query columns only narrow: every document mingo matches must belong to a candidate run, whatever
// the values (absent, null, text where numbers are usual, arrays, booleans) and the query.
const dir = mkdtempSync(join(tmpdir(), 'padre-cols-'))
const file = join(dir, 'E.cols')
const META = { stamp: 's', head: null, dirs: {} }

// mostly numbers, so that many fields get a numeric column; now and then anything else
const value = fc.oneof(
  { weight: 60, arbitrary: fc.integer({ min: -3, max: 3 }) }, { weight: 15, arbitrary: fc.constantFrom(0.5, -0, 2.25) },
  fc.constantFrom('a', 'b', '3'), fc.constant(null), fc.boolean(), fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 2 }),
)
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined })
const run = fc.record({
  status: fc.constantFrom('finished', 'failed', 'running'),
  dataset: fc.constantFrom('iris', 'wine'),
  durationMs: maybe(fc.integer({ min: 0, max: 5 })),
  deleted: fc.boolean(),
  points: fc.array(fc.record({ k: maybe(value), c: maybe(value), accuracy: maybe(value), std: maybe(value), odd: maybe(value) }), { maxLength: 2 }),
})
const fields = ['params.knn.k', 'params.knn.k', 'params.svc.C', 'metrics.accuracy', 'metrics.accuracy', 'std.accuracy', 'params.knn.x.y', 'durationMs', 'point', 'splits', 'status', 'dataset', 'experiment', 'nothing']
const literal = fc.oneof(value, fc.constantFrom('finished', 'iris', 'E'))
const predicate: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: literal },
  { weight: 6, arbitrary: fc.record({ op: fc.constantFrom('$gt', '$gte', '$lt', '$lte', '$eq', '$ne'), v: literal }).map(({ op, v }) => ({ [op]: v })) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('$in', '$nin'), v: fc.array(literal, { minLength: 1, maxLength: 3 }) }).map(({ op, v }) => ({ [op]: v })) },
  fc.boolean().map((b) => ({ $exists: b })),
  fc.record({ $gt: fc.integer({ min: -3, max: 3 }), $lte: fc.integer({ min: -3, max: 3 }) }),
  fc.constant({ $regex: '^f' }),
  fc.integer({ min: -3, max: 3 }).map((v) => ({ $not: { $gt: v } })),
)
const query: fc.Arbitrary<MongoQuery> = fc.letrec((tie) => ({
  leaf: fc.dictionary(fc.constantFrom(...fields), predicate, { minKeys: 1, maxKeys: 2 }),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, { weight: 4, arbitrary: tie('leaf') },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('$and', '$or', '$or', '$nor'), qs: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }).map(({ op, qs }) => ({ [op]: qs })) }),
})).node as fc.Arbitrary<MongoQuery>

type Run = typeof run extends fc.Arbitrary<infer T> ? T : never

function entries(runs: Run[]): SummaryEntry[] {
  return runs.map((r, i) => {
    const params = (p: (typeof r.points)[number]) => Object.fromEntries(Object.entries({ 'knn.k': p.k, 'svc.C': p.c, 'knn.x.y': p.odd }).filter(([, v]) => v !== undefined)) as never
    const record = {
      id: `P:E:v1:r${i}`, project: 'P', experiment: 'E', execution: 'v1', run: `r${i}`, status: r.status, dataset: r.dataset, startedAt: `2026-01-0${1 + (i % 9)}`,
      ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}), ...(r.deleted ? { deletedAt: 'x' } : {}), points: r.points.length ? [params(r.points[0])] : [],
    }
    const metrics = r.points.length ? {
      points: r.points.map((p, point) => ({
        point, parameters: params(p), splits: 2,
        mean: (p.accuracy !== undefined ? { accuracy: p.accuracy } : {}) as never, std: (p.std !== undefined ? { accuracy: p.std } : {}) as never,
      })),
    } : null
    return { run: record as SummaryEntry['run'], metrics }
  })
}

describe('query columns', () => {
  it('give a superset of what mingo matches, for any values and queries', async () => {
    await fc.assert(fc.asyncProperty(fc.array(run, { maxLength: 6 }), query, async (runs, q) => {
      const es = entries(runs)
      // rows round-trip as the index stores them (JSON), so values are what the full path sees
      const stored = es.map((e) => fromRow(JSON.parse(JSON.stringify(rowOf(e, 'P', 'E'))) as Row, 'P', 'E'))
      writeColumns(file, META, stored.map((e) => JSON.stringify(rowOf(e, 'P', 'E'))), stored)
      const cols = readColumns(file)!
      const candidates = new Set(cols.candidates(q, (json) => fromRow(JSON.parse(json) as Row, 'P', 'E')).map((e) => e.run.id))
      const matched = await matchQuery(q, stored.flatMap((e) => runDocuments(e.run, e.metrics)))
      for (const d of matched) expect(candidates).toContain(d.run)
    }), { numRuns: 2000 })
  })

  it('narrow plain predicates to the runs that match, and parse only those', async () => {
    const es = entries(Array.from({ length: 50 }, (_, i) => ({ status: 'finished', dataset: 'iris', durationMs: i, deleted: false, points: [{ k: i % 5, c: undefined, accuracy: i / 50, std: 0, odd: undefined }] })))
    writeColumns(file, META, es.map((e) => JSON.stringify(rowOf(e, 'P', 'E'))), es)
    let parsed = 0
    const cols = readColumns(file)!
    const got = cols.candidates({ 'metrics.accuracy': { $gt: 0.5 }, 'params.knn.k': { $in: [1, 3] } }, (json) => { parsed++; return fromRow(JSON.parse(json) as Row, 'P', 'E') })
    const want = await matchQuery({ 'metrics.accuracy': { $gt: 0.5 }, 'params.knn.k': { $in: [1, 3] } }, es.flatMap((e) => runDocuments(e.run, e.metrics)))
    expect(got.map((e) => e.run.id)).toEqual(want.map((d) => d.run))
    expect(parsed).toBe(want.length)
    expect(cols.visibleFields).toContain('params.knn.k')
  })

  it('narrow strict and non-strict bounds exactly, down to the neighbouring doubles', async () => {
    const values = [-Infinity, -1, -Number.MIN_VALUE, -0, 0, Number.MIN_VALUE, 0.5 - 2 ** -54, 0.5, 0.5 + 2 ** -53, 1, Infinity]
    const es = entries(values.map((v) => ({ status: 'finished', dataset: 'iris', durationMs: 1, deleted: false, points: [{ k: 1, c: undefined, accuracy: v, std: 0, odd: undefined }] })))
    writeColumns(file, META, es.map((e) => JSON.stringify(rowOf(e, 'P', 'E'))), es)
    const docs = es.flatMap((e) => runDocuments(e.run, e.metrics))
    for (const x of values) {
      for (const op of ['$gt', '$gte', '$lt', '$lte', '$eq']) {
        const q = { 'metrics.accuracy': { [op]: x } }
        const got = readColumns(file)!.candidates(q, (json) => fromRow(JSON.parse(json) as Row, 'P', 'E')).map((e) => e.run.id)
        expect([op, x, got]).toEqual([op, x, (await matchQuery(q, docs)).map((d) => d.run)])
      }
    }
  })

  it('refuse a file cut short, of another format, or not a columns file', () => {
    const es = entries([{ status: 'finished', dataset: 'iris', durationMs: 1, deleted: false, points: [] }])
    writeColumns(file, META, es.map((e) => JSON.stringify(rowOf(e, 'P', 'E'))), es)
    const good = readFileSync(file)
    expect(readColumns(file)).toBeDefined()
    writeFileSync(file, good.subarray(0, good.length - 9))
    expect(readColumns(file)).toBeUndefined()
    writeFileSync(file, Buffer.from(good.toString('latin1').replace(/"format":\d+/, '"format":0'), 'latin1'))
    expect(readColumns(file)).toBeUndefined()
    writeFileSync(file, 'not columns')
    expect(readColumns(file)).toBeUndefined()
    writeFileSync(file, '')
    expect(readColumns(file)).toBeUndefined()
  })

  it('are made again by RunIndex when a run folder gets its run.json after a read, though the runs folder did not move', () => {
    const root = mkdtempSync(join(tmpdir(), 'padre-cols-index-'))
    const runs = join(root, 'projects', 'P', 'experiments', 'E', 'executions', 'v1', 'runs')
    const write = (run: string) => {
      mkdirSync(join(runs, run), { recursive: true })
      writeFileSync(join(runs, run, 'run.json'), JSON.stringify({ id: `P:E:v1:${run}`, project: 'P', experiment: 'E', execution: 'v1', run, status: 'finished', startedAt: run, dataset: 'd' }))
    }
    let back = 0
    const age = () => { const t = new Date(Date.now() - 60_000 - ++back * 1000); utimesSync(runs, t, t) }
    const ids = () => new RunIndex(root).columns('P', 'E')!.candidates({}).map((e) => e.run.run).sort()
    write('a')
    write('b')
    age()
    expect(ids()).toEqual(['a', 'b'])
    expect(ids()).toEqual(['a', 'b'])
    mkdirSync(join(runs, 'c')) // a run being written: its folder first
    age()
    expect(ids()).toEqual(['a', 'b'])
    const moved = statSync(runs).mtimeMs
    write('c')
    expect(statSync(runs).mtimeMs).toBe(moved)
    expect(ids()).toEqual(['a', 'b', 'c'])
  })
})
