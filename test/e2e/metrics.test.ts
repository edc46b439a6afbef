import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ComputationMetrics, ReevaluationRecord, RunMetrics, RunRecord } from '../../src/core/model/types.js'
import { sandbox } from '../helpers/cli.js'

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T
const git = (dir: string, ...args: string[]) => spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).stdout.trim()
const commits = (dir: string) => Number(git(dir, 'rev-list', '--count', 'HEAD'))

const BALANCED_ERROR = `
const balancedError = defineMetric({
  name: 'balanced_error', task: 'classification', higherIsBetter: false,
  description: 'mean over the true classes of the share predicted wrong',
  compute(truth, predicted) {
    const classes = [...new Set(truth)]
    return classes.reduce((s, c) => {
      const rows = truth.flatMap((t, i) => (t === c ? [i] : []))
      return s + rows.filter((i) => predicted[i] !== c).length / rows.length
    }, 0) / classes.length
  },
})`

function definition(name: string, extra: string, metrics: string, estimator = 'knn({ k: 5 })'): string {
  return `import { defineExperiment, defineMetric, knn, svc } from 'padre'
${extra}
export default defineExperiment({
  project: 'Metrics', name: '${name}', dataset: 'iris',
  pipeline: [${estimator}],
  split: { strategy: 'cv', folds: 5, shuffle: true },
  seed: 3,
  metrics: ${metrics},
})
`
}

function sklearnOnResults(dirs: string[]): Array<Record<string, number | null>> {
  const script = `
import json, sys
import numpy as np
from sklearn import metrics
out = []
for d in sys.argv[1:]:
    r = json.load(open(d + '/results.json'))
    classes = r['classes']
    y = [classes.index(row['truth']) for row in r['rows']]
    p = [classes.index(row['predicted']) for row in r['rows']]
    proba = np.array([row['probabilities'] for row in r['rows']])
    v = {'f1_macro': metrics.f1_score(y, p, average='macro', zero_division=0),
         'precision_macro': metrics.precision_score(y, p, average='macro', zero_division=0),
         'recall_macro': metrics.recall_score(y, p, average='macro', zero_division=0),
         'log_loss': metrics.log_loss(y, proba, labels=list(range(len(classes))))}
    try:
        v['roc_auc'] = metrics.roc_auc_score(y, proba, multi_class='ovr', average='macro', labels=list(range(len(classes))))
    except ValueError:
        v['roc_auc'] = None
    out.append(v)
print(json.dumps(out))
`
  const result = spawnSync('/usr/bin/python3', ['-c', script, ...dirs], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout) as Array<Record<string, number | null>>
}

describe('metrics end to end', () => {
  const box = sandbox()
  const project = join(box.root, 'projects', 'Metrics')
  const runDirOf = (experiment: string, run: RunRecord) => join(project, 'experiments', experiment, 'executions', run.execution, 'runs', run.run)
  const computationsOf = (runDir: string) => readdirSync(join(runDir, 'computations')).sort().map((c) => join(runDir, 'computations', c))
  const execute = (file: string, text: string) => {
    writeFileSync(join(box.dir, file), text)
    return box.run(['experiment', 'execute', '--file', file])
  }
  const lastRun = (experiment: string) => box.json<RunRecord[]>(['run', 'list', '--project', 'Metrics', '--experiment', experiment])[0]

  test('iris in unshuffled folds: macro averages over the classes present, as scikit-learn', () => {
    const r = box.run(['experiment', 'execute', '--create-project', '--project', 'Metrics', '--name', 'ordered', '--dataset', 'iris', '--estimator', 'knn', '--split', 'cv', '--folds', '5', '--no-shuffle'])
    expect(r.status).toBe(0)
    const dirs = computationsOf(runDirOf('ordered', lastRun('ordered')))
    const sklearn = sklearnOnResults(dirs)
    dirs.forEach((dir, i) => {
      const values = readJson<{ values: Record<string, number | null> }>(join(dir, 'metrics.json')).values
      for (const name of ['f1_macro', 'precision_macro', 'recall_macro', 'log_loss']) expect(Math.abs(values[name]! - sklearn[i][name]!)).toBeLessThanOrEqual(1e-9)
      // every unshuffled fold lacks a class: roc_auc is undefined (sklearn raises), stored as null (NaN)
      expect(sklearn[i].roc_auc).toBeNull()
      expect(values.roc_auc).toBeNull()
    })
    // the first fold is all setosa and all right
    expect(readJson<ComputationMetrics>(join(dirs[0], 'metrics.json')).values.f1_macro).toBe(1)
  })

  test('metrics: [...] picks built-in and defineMetric metrics; the main metric is always there', () => {
    const r = execute('chosen.ts', definition('chosen', BALANCED_ERROR, "['f1_macro', 'roc_auc', 'log_loss', balancedError]"))
    expect(r.status).toBe(0)
    const run = lastRun('chosen')
    const dirs = computationsOf(runDirOf('chosen', run))
    const sklearn = sklearnOnResults(dirs)
    dirs.forEach((dir, i) => {
      const values = readJson<ComputationMetrics>(join(dir, 'metrics.json')).values
      expect(Object.keys(values)).toEqual(['accuracy', 'f1_macro', 'roc_auc', 'log_loss', 'balanced_error'])
      for (const name of ['f1_macro', 'roc_auc', 'log_loss']) expect(Math.abs(values[name] - (sklearn[i][name] as number))).toBeLessThanOrEqual(1e-9)
      const rows = readJson<{ rows: Array<{ truth: string; predicted: string }> }>(join(dir, 'results.json')).rows
      const labels = [...new Set(rows.map((x) => x.truth))]
      const expected = labels.reduce((s, c) => s + rows.filter((x) => x.truth === c && x.predicted !== c).length / rows.filter((x) => x.truth === c).length, 0) / labels.length
      expect(values.balanced_error).toBeCloseTo(expected, 12)
    })
    const execution = readJson<{ definition: { metrics: unknown } }>(join(runDirOf('chosen', run), '..', '..', 'execution.json'))
    expect(execution.definition.metrics).toEqual(['f1_macro', 'roc_auc', 'log_loss', { metric: 'balanced_error', origin: 'definition', higherIsBetter: false }])
    expect(run.mainMetric?.name).toBe('accuracy')
  })

  test('metric list: the registry, by task, with a definition file\'s own', () => {
    const all = box.json<{ metrics: Array<{ name: string; task: string; higherIsBetter: boolean | null; needs: string[]; origin: string }> }>(['metric', 'list']).metrics
    expect(all.find((m) => m.name === 'roc_auc')).toMatchObject({ task: 'classification', higherIsBetter: true, needs: ['labels', 'probabilities'], origin: 'builtin' })
    expect(all.find((m) => m.name === 'mean_error')).toMatchObject({ task: 'regression', higherIsBetter: null })
    const regression = box.json<{ metrics: Array<{ task: string }> }>(['metric', 'list', '--task', 'regression']).metrics
    expect(regression.map((m) => m.task)).toEqual(regression.map(() => 'regression'))
    const withFile = box.json<{ metrics: Array<{ name: string; origin: string }> }>(['metric', 'list', '--file', 'chosen.ts']).metrics
    expect(withFile.at(-1)).toMatchObject({ name: 'balanced_error', origin: 'definition' })
    const table = box.run(['metric', 'list', '--task', 'classification'])
    expect(table.stdout).toMatch(/log_loss\s*│\s*classification\s*│\s*no\s*│\s*labels, probabilities/)
  })

  test('reevaluate reproduces every stored value bit for bit, beside the old files, committed', () => {
    const run = lastRun('chosen')
    const runDir = runDirOf('chosen', run)
    const experiment = join(project, 'experiments', 'chosen')
    const before = { experiment: commits(experiment), project: commits(project) }
    const own = readFileSync(join(runDir, 'metrics.json'), 'utf8')
    const r = box.run(['metric', 'reevaluate', '--run', run.id, '--file', 'chosen.ts', '--json'])
    expect(r.status).toBe(0)
    const { reevaluation } = JSON.parse(r.stdout) as { reevaluation: ReevaluationRecord }
    expect(reevaluation.metrics).toEqual(expect.arrayContaining(['accuracy', 'f1_macro', 'roc_auc', 'log_loss', 'balanced_error']))
    const dir = join(runDir, 'reevaluations', reevaluation.name)
    for (const c of readdirSync(join(runDir, 'computations'))) {
      const old = readJson<ComputationMetrics>(join(runDir, 'computations', c, 'metrics.json')).values
      const now = readJson<ComputationMetrics>(join(dir, 'computations', c, 'metrics.json')).values
      for (const [name, value] of Object.entries(old)) expect(Object.is(now[name], value)).toBe(true)
    }
    const oldMean = JSON.parse(own) as RunMetrics
    const newMean = readJson<RunMetrics>(join(dir, 'metrics.json'))
    for (const [name, value] of Object.entries(oldMean.points[0].mean)) {
      expect(Object.is(newMean.points[0].mean[name], value)).toBe(true)
      expect(Object.is(newMean.points[0].std[name], oldMean.points[0].std[name])).toBe(true)
    }
    for (const change of reevaluation.changes.filter((c) => c.metric in oldMean.points[0].mean)) expect(change.new).toBe(change.old)
    expect(readFileSync(join(runDir, 'metrics.json'), 'utf8')).toBe(own)
    expect({ experiment: commits(experiment), project: commits(project) }).toEqual({ experiment: before.experiment + 1, project: before.project + 1 })
    expect(git(experiment, 'log', '-1', '--format=%s')).toMatch(new RegExp(`^reevaluate run ${run.run}: \\d+ metrics$`))
    expect(git(experiment, 'status', '--porcelain')).toBe('')
    expect(git(project, 'status', '--porcelain')).toBe('')
    expect(git(project, 'submodule', 'status')).toContain(git(experiment, 'rev-parse', 'HEAD'))
  })

  test('reevaluate adds a new metric to an old run, prints old → new, and compare reads the newest view', () => {
    const r0 = box.run(['experiment', 'execute', '--create-project', '--project', 'Metrics', '--name', 'plain', '--dataset', 'iris', '--estimator', 'knn', '--split', 'cv', '--folds', '5'])
    expect(r0.status).toBe(0)
    const run = lastRun('plain')
    const r = box.run(['metric', 'reevaluate', '--run', run.run, '--project', 'Metrics', '--metric', 'balanced_error', '--metric', 'accuracy', '--file', 'chosen.ts'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/balanced_error\s*│\s*-\s*│\s*0\.\d{4}\s*│\s*new/)
    expect(r.stdout).toMatch(/accuracy\s*│\s*0\.\d{4}\s*│\s*0\.\d{4}\s*│\s*unchanged/)
    const compared = box.json<{ rows: Array<{ run: string; mean: Record<string, number> }> }>(['metric', 'compare_metrics', '--project', 'Metrics', '--experiment', 'plain'])
    expect(compared.rows[0].mean.balanced_error).toBeGreaterThanOrEqual(0)
    expect(compared.rows[0].mean.f1_macro).toBeGreaterThan(0)
    expect(git(join(project, 'experiments', 'plain'), 'status', '--porcelain')).toBe('')
  })

  describe('bad input: one line, a non-zero exit, nothing stored', () => {
    const fresh = sandbox()
    const check = (file: string, text: string, code: number, message: RegExp) => {
      writeFileSync(join(fresh.dir, file), text)
      const r = fresh.run(['experiment', 'execute', '--file', file])
      expect(r.status).toBe(code)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(message)
      expect(existsSync(join(fresh.root, 'projects'))).toBe(false)
    }

    test('an unknown metric name, with did you mean', () => check('typo.ts', definition('typo', '', "['acuracy']"), 2, /unknown metric 'acuracy' in 'metrics'\. Did you mean 'accuracy'\?/))
    test('a metric of the other task', () => check('task.ts', definition('task', '', "['r2']"), 2, /metric 'r2' is for regression, but dataset 'iris' is a classification dataset/))
    test('a binary metric on three classes', () => check('brier.ts', definition('brier', '', "['brier']"), 2, /metric 'brier' needs two classes, but dataset 'iris' has 3/))
    test('a metric listed twice', () => check('twice.ts', definition('twice', '', "['accuracy', 'accuracy']"), 2, /metric 'accuracy' is listed twice/))

    test('reevaluate: a run that does not exist, an unknown metric', () => {
      const r = fresh.run(['metric', 'reevaluate', '--run', 'nope'])
      expect(r.status).toBe(3)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      const run = lastRun('chosen')
      const u = box.run(['metric', 'reevaluate', '--run', run.id, '--metric', 'balanced_eror'])
      expect(u.status).toBe(2)
      expect(u.stderr).toMatch(/Unknown metric 'balanced_eror'.*--file/)
      expect(readdirSync(join(runDirOf('chosen', run), 'reevaluations'))).toHaveLength(1)
    })
  })

  test('a user metric that throws fails the run with its message and file:line; asking for probabilities the estimator lacks fails it too', () => {
    const broken = `
const broken = defineMetric({ name: 'broken', task: 'classification', higherIsBetter: true,
  compute() { throw new Error('cannot score this') } })`
    // A file tsx loads as an ES module keeps its source map: the location has the line.
    mkdirSync(join(box.dir, 'esm'))
    writeFileSync(join(box.dir, 'esm', 'package.json'), '{ "type": "module" }')
    const r = execute('esm/throws.ts', definition('throws', broken, '[broken]'))
    expect(r.status).toBe(7)
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^Error: metric 'broken' failed: cannot score this \(.*throws\.ts:4\)$/)
    const failed = lastRun('throws')
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/cannot score this/), failure: { component: 'broken', phase: 'metric' } })
    expect(failed.failure?.location).toMatch(/esm\/throws\.ts:4$/)
    expect(git(join(project, 'experiments', 'throws'), 'status', '--porcelain')).toBe('')
    // Loaded as CommonJS, tsx runs it from a data: URL without a source map: the file, no line.
    const cjs = execute('throws-cjs.ts', definition('throws-cjs', broken, '[broken]'))
    expect(cjs.status).toBe(7)
    expect(cjs.stderr).toMatch(/metric 'broken' failed: cannot score this \(\/.*\/throws-cjs\.ts:\d+\)/)

    const p = execute('noproba.ts', definition('noproba', '', "['log_loss']", 'svc()'))
    expect(p.status).toBe(2)
    expect(p.stderr).toMatch(/metric 'log_loss' needs probabilities, but the pipeline's estimator gives none/)
    const svcDefault = box.run(['experiment', 'execute', '--create-project', '--project', 'Metrics', '--name', 'svc', '--dataset', 'iris', '--estimator', 'svc', '--split', 'cv', '--folds', '3'])
    expect(svcDefault.status).toBe(0)
    const values = readJson<ComputationMetrics>(join(computationsOf(runDirOf('svc', lastRun('svc')))[0], 'metrics.json')).values
    expect(Object.keys(values)).not.toContain('log_loss')
    expect(Object.keys(values)).toContain('f1_macro')
  })
})
