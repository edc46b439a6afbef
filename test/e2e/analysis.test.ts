import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/core/model/types.js'
import { sandbox } from '../helpers/cli.js'

// One store for the whole file: 3 models × 2 datasets, a grid, a holdout run and a regression run.
const box = sandbox()
const exec = (args: string[]) => box.json<{ run: RunRecord }>(['experiment', 'execute', '--create-project', '-p', 'An', ...(args.includes('--seed') ? [] : ['--seed', '1']), ...args]).run
const iris = readFileSync(join(__dirname, '..', '..', 'data', 'iris.csv'), 'utf8').trim().split('\n')
writeFileSync(join(box.dir, 'iris-half.csv'), [iris[0], ...iris.slice(1).filter((_, i) => i % 2 === 0)].join('\n') + '\n')
box.json(['dataset', 'load', '--file', join(box.dir, 'iris-half.csv'), '--name', 'iris-half', '--target', iris[0].split(',').at(-1)!])
const runs: Record<string, RunRecord> = {}
for (const dataset of ['iris', 'iris-half']) {
  runs[`knn-${dataset}`] = exec(['--name', `knn-${dataset}`, '--dataset', dataset, '--estimator', 'knn', '--param', 'knn.k=15'])
  runs[`gnb-${dataset}`] = exec(['--name', `gnb-${dataset}`, '--dataset', dataset, '--estimator', 'gaussianNB'])
  runs[`tree-${dataset}`] = exec(['--name', `tree-${dataset}`, '--dataset', dataset, '--estimator', 'decisionTree'])
}
runs.grid = exec(['--name', 'grid', '--dataset', 'iris', '--estimator', 'knn', '--grid', 'knn.k=1,5,9'])
runs.seed2 = exec(['--name', 'seed2', '--dataset', 'iris', '--estimator', 'knn', '--seed', '2'])
runs.holdout = exec(['--name', 'holdout', '--dataset', 'iris', '--estimator', 'knn', '--split', 'random'])
runs.reg = exec(['--name', 'reg', '--dataset', 'diabetes', '--estimator', 'linearRegression'])
const ids = (rs: Array<{ id: string }>) => rs.map((r) => r.id).sort()
const fail = (args: string[]) => {
  const r = box.run(args)
  expect(r.status).not.toBe(0)
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/)
  return r.stderr
}
const scipy = (code: string) => JSON.parse(execFileSync('/usr/bin/python3', ['-c', `import json, numpy as np\nfrom scipy import stats\n${code}`], { encoding: 'utf8' }))

describe('queries', () => {
  it('--filter and --where find runs by metrics, params, status and std', () => {
    const k15 = box.json<RunRecord[]>(['run', 'list', '--filter', 'params.knn.k = 15 and dataset = iris'])
    expect(ids(k15)).toEqual([runs['knn-iris'].id])
    const grid = box.json<RunRecord[]>(['run', 'list', '--where', '{"params.knn.k": {"$in": [1, 9]}}'])
    expect(ids(grid)).toEqual([runs.grid.id])
    const r2 = box.json<RunRecord[]>(['run', 'list', '--where', '{"$or": [{"metrics.r2": {"$exists": true}}, {"experiment": {"$regex": "^hold"}}]}'])
    expect(ids(r2)).toEqual(ids([runs.reg, runs.holdout]))
    // the holdout run has one split: std 0
    expect(ids(box.json<RunRecord[]>(['run', 'list', '--filter', 'metrics.accuracy.std = 0']))).toEqual([runs.holdout.id])
  })

  it('--sort, --limit, --columns; compare_metrics and experiment list take the same query', () => {
    const out = box.run(['run', 'list', '--filter', 'experiment = grid', '--sort', 'params.knn.k:desc', '--columns', 'params.knn.k,metrics.accuracy', '--format', 'csv'])
    expect(out.stdout.split('\r\n').slice(0, 4).map((l) => l.split(',')[0])).toEqual(['params.knn.k', '9', '5', '1'])
    expect(box.json<RunRecord[]>(['run', 'list', '--sort', 'accuracy', '--limit', '2'])).toHaveLength(2)
    const rows = box.json<{ rows: Array<{ run: string; point: number }> }>(['metric', 'compare_metrics', '--filter', 'params.knn.k >= 5 and experiment = grid']).rows
    expect(rows.map((r) => r.point).sort()).toEqual([1, 2])
    expect(box.json<Array<{ id: string }>>(['experiment', 'list', '--filter', 'dataset = iris-half']).map((e) => e.id)).toEqual(['An:gnb-iris-half', 'An:knn-iris-half', 'An:tree-iris-half'])
  })

  it('an unknown field says did you mean; a malformed query names the position and the fix', () => {
    expect(fail(['run', 'list', '--filter', 'metrics.acuracy > 0.9'])).toMatch(/Unknown query field 'metrics.acuracy'. Did you mean 'metrics.accuracy'/)
    expect(fail(['metric', 'compare_metrics', '--where', '{"params.knn.kk": 3}'])).toMatch(/Did you mean 'params.knn.k'/)
    expect(fail(['run', 'list', '--where', '{"status": "finished"'])).toMatch(/--where is not valid JSON at position 21/)
    expect(fail(['run', 'list', '--filter', 'status = = failed'])).toMatch(/--filter: .* at position \d+: write e.g./)
    expect(fail(['run', 'list', '--where', '{"status": {"$where": "1"}}'])).toMatch(/Unsupported query operator '\$where'/)
  })
})

describe('export formats', () => {
  it('csv (RFC 4180), markdown and a booktabs LaTeX table with the best in bold and ties marked', () => {
    const csv = box.run(['metric', 'compare_metrics', '--filter', "dataset = iris and experiment in ('knn-iris', 'gnb-iris', 'tree-iris')", '--format', 'csv', '-m', 'accuracy']).stdout
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toMatch(/^run,experiment,point,.*knn\.k,.*accuracy,accuracy_std$/)
    expect(lines).toHaveLength(4)
    const md = box.run(['metric', 'compare_metrics', '-e', 'An:grid', '--format', 'md', '-m', 'accuracy']).stdout
    expect(md.split('\n')[1]).toMatch(/^\| --- \| --- \| --- \| ---: \|$/)
    const tex = box.run(['metric', 'compare_metrics', '--filter', "experiment in ('knn-iris', 'gnb-iris', 'tree-iris')", '--format', 'latex', '-m', 'accuracy']).stdout
    expect(tex).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/)
    expect(tex).toMatch(/\\textbf\{0\.\d{4}\} \$\\pm\$ 0\.\d{4}/)
    expect(tex).toContain('knn-iris')
    expect(tex).toMatch(/\$\^\{\\dagger\}\$ \\\\|\\textbf/)
  })
})

describe('statistics', () => {
  const perSplit = (run: RunRecord) => box.json<Array<{ metrics: { values: { accuracy: number } } }>>(['computation', 'list', run.id]).map((c) => c.metrics.values.accuracy)

  it('compare_metrics --stats: sample std and the Student-t 95% interval, equal to SciPy', () => {
    const row = box.json<{ rows: Array<{ stats: Record<string, { mean: number; std: number; ciLow: number; ciHigh: number }> }> }>(['metric', 'compare_metrics', '-e', 'An:knn-iris', '--stats']).rows[0]
    const x = perSplit(runs['knn-iris'])
    const ref = scipy(`x = ${JSON.stringify(x)}\nprint(json.dumps(list(stats.t.interval(0.95, len(x) - 1, loc=np.mean(x), scale=stats.sem(x))) + [float(np.std(x, ddof=1))]))`)
    expect(row.stats.accuracy.ciLow).toBeCloseTo(ref[0], 12)
    expect(row.stats.accuracy.ciHigh).toBeCloseTo(ref[1], 12)
    expect(row.stats.accuracy.std).toBeCloseTo(ref[2], 12)
  })

  it('metric test: corrected resampled t-test and Wilcoxon on the per-split values, equal to SciPy', () => {
    const r = box.json<{ splits: number; nTest: number; nTrain: number; rows: Array<{ t: number; pT: number; pW: number; w: number }> }>(['metric', 'test', runs['knn-iris'].id, runs['gnb-iris'].id, '--metric', 'accuracy'])
    expect(r.splits).toBe(5)
    expect([r.nTest, r.nTrain]).toEqual([30, 120])
    const [a, b] = [perSplit(runs['knn-iris']), perSplit(runs['gnb-iris'])]
    const ref = scipy(`a, b = np.array(${JSON.stringify(a)}), np.array(${JSON.stringify(b)})\nd = np.round(a - b, 12)\nt = d.mean() / np.sqrt((1/5 + 30/120) * d.var(ddof=1))\nnz = d[d != 0]\nexact = len(nz) == len(d) and len(np.unique(np.abs(nz))) == len(nz)\nw = stats.wilcoxon(d, mode='exact' if exact else 'approx', correction=False)\nprint(json.dumps([t, 2 * stats.t.sf(abs(t), 4), float(w.statistic), float(w.pvalue)]))`)
    expect(r.rows[0].t).toBeCloseTo(ref[0], 10)
    expect(r.rows[0].pT).toBeCloseTo(ref[1], 10)
    expect(r.rows[0].w).toBeCloseTo(ref[2], 10)
    expect(r.rows[0].pW).toBeCloseTo(ref[3], 10)
  })

  it('metric test refuses different datasets, different seeds and fewer than 2 splits', () => {
    expect(fail(['metric', 'test', runs['knn-iris'].id, runs['knn-iris-half'].id])).toMatch(/different datasets \(iris vs iris-half\)/)
    expect(fail(['metric', 'test', runs['knn-iris'].id, runs.seed2.id])).toMatch(/different seeds \(1 vs 2\)/)
    expect(fail(['metric', 'test', runs.holdout.id, runs.holdout.id])).toMatch(/at least 2 splits/)
  })

  it('metric rank: Friedman and the Nemenyi critical difference, equal to SciPy', () => {
    const r = box.json<{ scores: number[][]; meanRanks: number[]; friedman: { statistic: number; pValue: number }; nemenyi: { criticalDifference: number } }>(
      ['metric', 'rank', '-p', 'An', '--experiments', 'knn-{dataset},gnb-{dataset},tree-{dataset}', '--datasets', 'iris,iris-half'])
    const ref = scipy(`s = np.array(${JSON.stringify(r.scores)})\nf = stats.friedmanchisquare(*s.T)\nq = stats.studentized_range.ppf(0.95, 3, np.inf) / np.sqrt(2)\nprint(json.dumps([f.statistic, f.pvalue, q * np.sqrt(3 * 4 / (6 * 2))]))`)
    expect(r.friedman.statistic).toBeCloseTo(ref[0], 10)
    expect(r.friedman.pValue).toBeCloseTo(ref[1], 10)
    expect(r.nemenyi.criticalDifference).toBeCloseTo(ref[2], 10)
    expect(r.meanRanks.reduce((s, x) => s + x, 0)).toBeCloseTo(6, 12)
  })
})

describe('tags, notes, soft delete', () => {
  const git = (args: string[]) => execFileSync('git', ['-C', join(box.root, 'projects', 'An', 'experiments', 'seed2'), ...args], { encoding: 'utf8' })

  it('each is a commit; deleted runs hide from lists and compare unless --deleted, and come back', () => {
    const id = runs.seed2.id
    const before = Number(git(['rev-list', '--count', 'HEAD']).trim())
    expect(box.json<RunRecord>(['run', 'tag', id, 'paper=yes', 'owner=ana']).tags).toEqual({ paper: 'yes', owner: 'ana' })
    expect(box.json<RunRecord>(['run', 'note', id, 'baseline, table 2']).notes?.[0].text).toBe('baseline, table 2')
    expect(ids(box.json<RunRecord[]>(['run', 'list', '--filter', 'tags.paper = yes']))).toEqual([id])
    box.json(['run', 'delete', id])
    expect(ids(box.json<RunRecord[]>(['run', 'list']))).not.toContain(id)
    expect(box.json<{ rows: Array<{ run: string }> }>(['metric', 'compare_metrics']).rows.map((r) => r.run)).not.toContain(id)
    expect(ids(box.json<RunRecord[]>(['run', 'list', '--deleted']))).toContain(id)
    box.json(['run', 'restore', id])
    expect(ids(box.json<RunRecord[]>(['run', 'list']))).toContain(id)
    expect(Number(git(['rev-list', '--count', 'HEAD']).trim())).toBe(before + 4)
    expect(git(['log', '-4', '--format=%s'])).toMatch(/restored\n.*deleted.*\n.*note baseline, table 2\n.*tag paper=yes owner=ana/)
    expect(git(['status', '--porcelain'])).toBe('')
    expect(fail(['run', 'tag', id, 'novalue'])).toMatch(/has no value: write novalue=<value>/)
  })
})

describe('plots', () => {
  const out = join(box.dir, 'plots')
  mkdirSync(out, { recursive: true })

  it('writes SVG, PNG and the Vega-Lite spec for each kind', () => {
    box.json(['plot', 'metric', '-p', 'An', '-e', 'grid', '--param', 'knn.k', '--out', join(out, 'metric.svg')])
    expect(readFileSync(join(out, 'metric.svg'), 'utf8')).toMatch(/^<svg[\s\S]*knn\.k[\s\S]*<\/svg>$/)
    box.json(['plot', 'folds', runs['knn-iris'].id, runs['gnb-iris'].id, '--out', join(out, 'folds.png')])
    expect(readFileSync(join(out, 'folds.png')).subarray(1, 4).toString()).toBe('PNG')
    box.json(['plot', 'confusion', runs['knn-iris'].id, '--out', join(out, 'confusion.vl.json')])
    const spec = JSON.parse(readFileSync(join(out, 'confusion.vl.json'), 'utf8'))
    expect(spec.data.values.reduce((s: number, v: { count: number }) => s + v.count, 0)).toBe(150)
    box.json(['plot', 'predicted', runs.reg.id, '--out', join(out, 'predicted.svg')])
    expect(readFileSync(join(out, 'predicted.svg'), 'utf8')).toMatch(/<svg/)
  })

  it('a kind that does not fit the task, an unwritable --out, an unknown kind: one line each', () => {
    expect(fail(['plot', 'confusion', runs.reg.id, '--out', join(out, 'c.svg')])).toMatch(/regression run: a confusion matrix needs classification/)
    expect(fail(['plot', 'predicted', runs['knn-iris'].id, '--out', join(out, 'p.svg')])).toMatch(/classification run: predicted vs true needs regression/)
    const locked = join(box.dir, 'locked')
    mkdirSync(locked)
    chmodSync(locked, 0o500)
    if (spawnSync('id', ['-u'], { encoding: 'utf8' }).stdout.trim() !== '0') expect(fail(['plot', 'confusion', runs['knn-iris'].id, '--out', join(locked, 'c.png')])).toMatch(/Cannot write --out .*permission denied/)
    expect(fail(['plot', 'confusion', runs['knn-iris'].id, '--out', join(box.dir, 'missing', 'c.png')])).toMatch(/folder .* does not exist/)
    expect(fail(['plot', 'confusion', runs['knn-iris'].id, '--out', join(out, 'c.gif')])).toMatch(/must end in .svg, .png or .vl.json/)
    expect(fail(['plot', 'confuson', runs['knn-iris'].id, '--out', join(out, 'c.svg')])).toMatch(/Did you mean 'confusion'/)
  })
})
