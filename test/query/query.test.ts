import { runDocuments, type RunDocument } from '../../src/core/query/documents.js'
import { checkColumns, queryDocuments, sortDocuments, sortSpec } from '../../src/core/query/match.js'
import type { RunMetrics, RunRecord } from '../../src/core/model/types.js'
import { toCsv, toLatex, toMarkdown } from '../../src/core/export/formats.js'

function run(id: string, status: RunRecord['status'], k: number, accuracy: number | undefined, extra: Partial<RunRecord> = {}): [RunRecord, RunMetrics | undefined] {
  const record = { id: `P:E:v1:${id}`, project: 'P', experiment: 'E', execution: 'v1', run: id, status, startedAt: `2026-01-0${id.length}T00:00:00Z`, dataset: 'iris', points: [{ 'knn.k': k }], ...extra } as unknown as RunRecord
  const metrics = accuracy === undefined ? undefined : { schemaVersion: 1, points: [{ point: 0, parameters: { 'knn.k': k }, mean: { accuracy, mae: 1 - accuracy }, std: { accuracy: 0.01 * k, mae: 0 }, splits: 5 }] }
  return [record, metrics]
}

const docs: RunDocument[] = [run('a', 'finished', 3, 0.95), run('bb', 'finished', 5, 0.91), run('ccc', 'finished', 7, 0.97, { tags: { team: 'x' } }), run('dddd', 'failed', 9, undefined)]
  .flatMap(([r, m]) => runDocuments(r, m))
const ids = (ds: RunDocument[]) => ds.map((d) => d.run.split(':')[3])

describe('queries over run documents', () => {
  it('--filter: and/or, in (...), =, comparisons, bare words as strings', async () => {
    expect(ids(await queryDocuments({ filter: 'metrics.accuracy > 0.9 and params.knn.k in (3, 5) or status = failed' }, docs))).toEqual(['a', 'bb', 'dddd'])
    expect(ids(await queryDocuments({ filter: 'not status = failed and 0.96 > metrics.accuracy' }, docs))).toEqual(['a', 'bb'])
    expect(ids(await queryDocuments({ filter: "tags.team = 'x'" }, docs))).toEqual(['ccc'])
    expect(ids(await queryDocuments({ filter: 'experiment = E-2 or params.knn.k > -1 and status = failed' }, docs))).toEqual(['dddd'])
    expect(ids(await queryDocuments({ filter: 'metrics.mae > -0.5e-1 and params.knn.k <= 3' }, docs))).toEqual(['a'])
  })

  it('--where: Mongo operators, metrics.<name>.std, --where and --filter together', async () => {
    expect(ids(await queryDocuments({ where: '{"metrics.accuracy.std": {"$lte": 0.05}}' }, docs))).toEqual(['a', 'bb'])
    expect(ids(await queryDocuments({ where: '{"$or": [{"status": {"$regex": "^fa"}}, {"params.knn.k": {"$nin": [3, 5, 7]}}]}' }, docs))).toEqual(['dddd'])
    expect(ids(await queryDocuments({ where: '{"metrics.accuracy": {"$exists": false}}', filter: 'params.knn.k >= 9' }, docs))).toEqual(['dddd'])
  })

  it('unknown fields say did you mean; bad operators and malformed input name the position and the fix', async () => {
    await expect(queryDocuments({ filter: 'metrics.acuracy > 0.9' }, docs)).rejects.toThrow(/Unknown query field 'metrics.acuracy'. Did you mean 'metrics.accuracy'/)
    await expect(queryDocuments({ where: '{"params.knn.kk": 3}' }, docs)).rejects.toThrow(/Did you mean 'params.knn.k'/)
    await expect(queryDocuments({ where: '{"status": {"$where": "x"}}' }, docs)).rejects.toThrow(/Unsupported query operator '\$where'/)
    await expect(queryDocuments({ where: '{"status": "failed",}' }, docs)).rejects.toThrow(/not valid JSON at position 20/)
    await expect(queryDocuments({ filter: 'metrics.accuracy > ' }, docs)).rejects.toThrow(/--filter: Expected expression after > at position 19/)
    await expect(queryDocuments({ filter: 'status failed' }, docs)).rejects.toThrow(/unexpected 'failed' at position 7/)
  })

  it('--sort: metrics best first (lower is better for errors), missing values last, :asc/:desc; --columns checked', () => {
    expect(ids(sortDocuments(docs, sortSpec('accuracy', docs)))).toEqual(['ccc', 'a', 'bb', 'dddd'])
    expect(ids(sortDocuments(docs, sortSpec('metrics.mae', docs)))).toEqual(['ccc', 'a', 'bb', 'dddd'])
    expect(ids(sortDocuments(docs, sortSpec('params.knn.k:desc', docs)))).toEqual(['dddd', 'ccc', 'bb', 'a'])
    expect(() => sortSpec('params.knn.q', docs)).toThrow(/Did you mean 'params.knn.k'/)
    expect(checkColumns(['run', 'accuracy', 'metrics.accuracy.std'], docs)).toEqual(['run', 'metrics.accuracy', 'metrics.accuracy.std'])
  })
})

describe('export formats', () => {
  it('CSV quotes commas, quotes and newlines (RFC 4180, CRLF)', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', 1.5]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",1.5\r\n')
  })
  it('Markdown escapes pipes and aligns numbers right', () => {
    expect(toMarkdown(['name', 'v'], [['a|b', 2]], ['l', 'r'])).toBe('| name | v |\n| --- | ---: |\n| a\\|b | 2 |\n')
  })
  it('LaTeX escapes names and keeps raw cells', () => {
    const tex = toLatex(['run_id', '100%'], [['knn_k#1', { latex: '\\textbf{0.9}' }]], { align: ['l', 'r'] })
    expect(tex).toContain('run\\_id & 100\\% \\\\')
    expect(tex).toContain('knn\\_k\\#1 & \\textbf{0.9} \\\\')
    expect(tex).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/)
  })
})
