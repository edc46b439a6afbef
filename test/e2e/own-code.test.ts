import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ComputationRecord, ExecutionRecord, ResultsFile, RunRecord } from '../../src/core/model/types.js'
import { git } from '../git/fixtures.js'
import { REPO, sandbox, type CliResult } from '../helpers/cli.js'

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T

/** iris as the test reads it itself: petal length (column 2) and species per row. */
const iris = readFileSync(join(REPO, 'data', 'iris.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
const CLASSES = ['setosa', 'versicolor', 'virginica']

/** Bad input: one line on stderr. A run that fails in user code may have printed progress first: then one error line, last. */
function expectOneLineError(result: CliResult, pattern: RegExp, exit: number): void {
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: exit, stderr: expect.stringMatching(pattern) })
  const lines = result.stderr.trim().split('\n')
  if (exit !== 7) expect(lines).toHaveLength(1)
  expect(lines.filter((l) => l.startsWith('Error: '))).toEqual([lines[lines.length - 1]])
  expect(lines[lines.length - 1]).toMatch(pattern)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

const RULE = `import { defineComponent, defineExperiment } from 'padre'

// A transformer that adds 'by' to every value (fit is async, like user code that awaits something).
const shift = defineComponent({
  name: 'shift', kind: 'transformer',
  params: { by: { type: 'number', default: 0 } },
  create: async ({ by }) => ({
    async fit() {},
    transform: (X) => ({ rows: X.rows, cols: X.cols, data: X.data.map((v) => v + (by as number)) }),
  }),
})

// Classifies iris by (shifted) petal length alone.
const petalRule = defineComponent({
  name: 'petalRule', kind: 'estimator', tasks: ['classification'],
  params: { cut1: { type: 'number', default: 2.5 }, cut2: { type: 'number', default: 4.8, min: 0 } },
  create({ cut1, cut2 }) {
    const classOf = (v: number) => (v < (cut1 as number) ? 0 : v < (cut2 as number) ? 1 : 2)
    return {
      fit(X, y, ctx) { if (ctx.nClasses !== 3) throw new Error('expected 3 classes') },
      predict: async (X) => Array.from({ length: X.rows }, (_, i) => classOf(X.data[i * X.cols + 2])),
      predictProba: (X) => Array.from({ length: X.rows }, (_, i) => [0, 1, 2].map((c) => (c === classOf(X.data[i * X.cols + 2]) ? 1 : 0))),
    }
  },
})

export default defineExperiment({
  project: 'Own', name: 'rule', dataset: 'iris',
  pipeline: [shift({ by: 0.5 }), petalRule({ cut1: 3 })],
  split: { strategy: 'cv', folds: 3 },
  grid: { 'petalRule.cut2': [5, 5.5] },
  seed: 4,
})
`

const broken = (body: string, dataset = 'iris', task = 'classification') => `import { defineComponent, defineExperiment } from 'padre'

const bad = defineComponent({
  name: 'bad', kind: 'estimator', tasks: ['${task}'],
  create: () => ({
    fit() {},
    predict(X) {
      ${body}
    },
  }),
})

export default defineExperiment({ project: 'Broken', name: 'b', dataset: '${dataset}', pipeline: [bad()], split: { strategy: 'cv', folds: 3 }, seed: 1 })
`

describe('own code in a definition file', () => {
  const box = sandbox()
  const write = (name: string, text: string) => {
    const file = join(box.dir, name)
    writeFileSync(file, text)
    return file
  }
  const experimentDir = (project: string, name: string) => join(box.root, 'projects', project, 'experiments', name)
  const onlyRun = (project: string, name: string) => {
    const executions = join(experimentDir(project, name), 'executions')
    const [version] = readdirSync(executions)
    const runs = join(executions, version, 'runs')
    const [run] = readdirSync(runs)
    return { dir: join(runs, run), run: readJson<RunRecord>(join(runs, run, 'run.json')) }
  }
  const expectClean = (project: string, name: string) => {
    expect(git(join(box.root, 'projects', project), 'status', '--porcelain', '--untracked-files=all')).toBe('')
    expect(git(experimentDir(project, name), 'status', '--porcelain', '--untracked-files=all')).toBe('')
  }

  it('runs a user transformer and estimator in a grid: params in run.points, one computation per split × point, predictions as the rule computes them', () => {
    const result = box.run(['experiment', 'execute', '--file', write('rule.ts', RULE)])
    expect(result.stderr).toMatch(/\[6\/6\]/)
    expect(result.status).toBe(0)
    const { dir, run } = onlyRun('Own', 'rule')
    expect(run.status).toBe('finished')
    expect(run.pipeline).toEqual([
      { component: 'shift', params: { by: 0.5 }, origin: 'definition' },
      { component: 'petalRule', params: { cut1: 3 }, origin: 'definition' },
    ])
    expect(run.points).toEqual([
      { 'shift.by': 0.5, 'petalRule.cut1': 3, 'petalRule.cut2': 5 },
      { 'shift.by': 0.5, 'petalRule.cut1': 3, 'petalRule.cut2': 5.5 },
    ])
    const computations = readdirSync(join(dir, 'computations')).sort()
    expect(computations).toEqual(['split-0-point-0', 'split-0-point-1', 'split-1-point-0', 'split-1-point-1', 'split-2-point-0', 'split-2-point-1'])
    for (const c of computations) {
      const cut2 = c.endsWith('point-0') ? 5 : 5.5
      const results = readJson<ResultsFile>(join(dir, 'computations', c, 'results.json'))
      const expected = results.rows.map((r) => {
        const v = Number(iris[r.index][2]) + 0.5
        return CLASSES[v < 3 ? 0 : v < cut2 ? 1 : 2]
      })
      expect(results.rows.map((r) => r.predicted)).toEqual(expected)
      expect(results.rows.map((r) => r.truth)).toEqual(results.rows.map((r) => iris[r.index][4]))
      expect(results.rows.every((r) => r.probabilities!.join() === CLASSES.map((k) => (k === r.predicted ? 1 : 0)).join())).toBe(true)
      const accuracy = expected.filter((p, i) => p === results.rows[i].truth).length / expected.length
      expect(readJson<{ values: { accuracy: number } }>(join(dir, 'computations', c, 'metrics.json')).values.accuracy).toBeCloseTo(accuracy, 12)
    }
    expectClean('Own', 'rule')
  })

  it('a component that throws ends the run failed with its message and file:line, recorded, committed, exit 7', () => {
    const file = write('throws.ts', broken("if (X.rows > 0) throw new Error('model exploded')"))
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('model exploded')) + 1
    const result = box.run(['experiment', 'execute', '--file', file])
    const message = `Component 'bad' failed in predict: model exploded (${file}:${line})`
    expectOneLineError(result, new RegExp(`^Error: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), 7)
    const { run } = onlyRun('Broken', 'b')
    expect(run.status).toBe('failed')
    expect(run.error).toBe(message)
    expect(run.failure).toEqual({ component: 'bad', phase: 'predict', location: `${file}:${line}` })
    expectClean('Broken', 'b')
    expect(git(experimentDir('Broken', 'b'), 'log', '-1', '--format=%s')).toMatch(/: failed, Component 'bad' failed in predict/)
  })

  it('works the same from an ES module definition (.mjs): the throw located at its line', () => {
    const file = write('esm.mjs', `import { defineComponent, defineExperiment } from 'padre'
const failing = defineComponent({ name: 'failing', kind: 'transformer', create: () => ({
  fit() { throw new Error('esm fit failed') },
  transform: (X) => X,
}) })
export default defineExperiment({ project: 'Esm', name: 'm', dataset: 'iris', pipeline: [failing(), { component: 'knn', params: {} }], split: { strategy: 'random' }, seed: 1 })
`)
    expectOneLineError(box.run(['experiment', 'execute', '--file', file]), new RegExp(`Component 'failing' failed in fit: esm fit failed \\(${file}:3\\)$`, 'm'), 7)
    expect(onlyRun('Esm', 'm').run).toMatchObject({ status: 'failed', failure: { component: 'failing', phase: 'fit', location: `${file}:3` } })
    expectClean('Esm', 'm')
  })

  it.each([
    ['the wrong number of predictions', 'return [0, 1]', /Component 'bad' failed in predict: returned 2 predictions for 50 rows/],
    ['a class index out of range', 'return new Array(X.rows).fill(7)', /returned 7 for row 0; a classifier predicts class indices 0\.\.2/],
    ['a non-finite value', 'return new Array(X.rows).fill(NaN)', /returned NaN for row 0; predictions must be finite numbers/],
    ['no array', "return 'setosa'", /returned string "setosa"; return one number per row/],
  ])('%s is a ComponentError: failed run, exit 7', (_, body, pattern) => {
    const result = box.run(['experiment', 'execute', '--file', write('wrong.ts', broken(body))])
    expectOneLineError(result, pattern, 7)
    const runs = box.json<RunRecord[]>(['run', 'list', '--project', 'Broken'])
    expect(runs[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(pattern), failure: { component: 'bad', phase: 'predict' } })
  })

  it('explicit and function splits: computations on exactly the rows given; the function recorded by name and source', () => {
    const explicit = box.run(['experiment', 'execute', '--file', write('explicit.ts', `import { defineExperiment, knn } from 'padre'
export default defineExperiment({
  project: 'Splits', name: 'explicit', dataset: 'iris', pipeline: [knn({ k: 3 })], seed: 1,
  split: { strategy: 'explicit', splits: [{ train: [0, 1, 2, 50, 51, 52, 100, 101, 102], test: [3, 53, 103] }, { train: [10, 60, 110, 11, 61, 111], test: [149, 0] }] },
})
`)])
    expect(explicit.status).toBe(0)
    const e = onlyRun('Splits', 'explicit')
    const tests = (dir: string) => readdirSync(join(dir, 'computations')).sort().map((c) => readJson<ResultsFile>(join(dir, 'computations', c, 'results.json')).rows.map((r) => r.index))
    expect(tests(e.dir)).toEqual([[3, 53, 103], [0, 149]])
    expect(readJson<ComputationRecord>(join(e.dir, 'computations', 'split-1-point-0', 'computation.json'))).toMatchObject({ trainSize: 6, testSize: 2 })

    const fn = box.run(['experiment', 'execute', '--file', write('function.ts', `import { defineExperiment, knn } from 'padre'
function byParity({ n, y, seed }: { n: number; y: Float64Array; seed: number }) {
  const rows = Array.from({ length: n }, (_, i) => i)
  if (y.length !== 150 || seed !== 9) throw new Error('unexpected context')
  return [{ train: rows.filter((i) => i % 2 === 0), test: rows.filter((i) => i % 2 === 1) }, { train: rows.filter((i) => i % 2 === 1), test: rows.filter((i) => i % 2 === 0) }]
}
export default defineExperiment({ project: 'Splits', name: 'function', dataset: 'iris', pipeline: [knn()], split: { strategy: 'function', function: byParity }, seed: 9 })
`)])
    expect(fn.status).toBe(0)
    const f = onlyRun('Splits', 'function')
    const odd = Array.from({ length: 75 }, (_, i) => 2 * i + 1)
    expect(tests(f.dir)).toEqual([odd, odd.map((i) => i - 1)])
    expect(f.run.split).toMatchObject({ strategy: 'function', function: 'byParity', source: expect.stringMatching(/^function byParity\(.*i ?% ?2 ?=== ?0/s) })
    expectClean('Splits', 'function')
  })

  it('repeated k-fold from flags: R × k computations, each repeat a partition of the rows, repeat and fold recorded', () => {
    const result = box.json<{ run: RunRecord }>(['experiment', 'execute', '--create-project', '-p', 'Splits', '--name', 'repeated', '--dataset', 'iris', '--estimator', 'knn', '--split', 'stratified', '--folds', '3', '--repeats', '2'])
    expect(result.run.split).toEqual({ strategy: 'stratified', folds: 3, shuffle: true, repeats: 2 })
    const { dir } = onlyRun('Splits', 'repeated')
    const names = readdirSync(join(dir, 'computations')).sort()
    expect(names).toEqual([0, 1, 2, 3, 4, 5].map((s) => `split-${s}-point-0`))
    const records = names.map((c) => readJson<ComputationRecord>(join(dir, 'computations', c, 'computation.json')))
    expect(records.map((r) => [r.split, r.repeat, r.fold])).toEqual([[0, 0, 0], [1, 0, 1], [2, 0, 2], [3, 1, 0], [4, 1, 1], [5, 1, 2]])
    const tested = names.map((c) => readJson<ResultsFile>(join(dir, 'computations', c, 'results.json')).rows.map((r) => r.index))
    const all = Array.from({ length: 150 }, (_, i) => i)
    for (const r of [0, 1]) expect(tested.slice(r * 3, r * 3 + 3).flat().sort((a, b) => a - b)).toEqual(all)
    expect(tested.slice(0, 3)).not.toEqual(tested.slice(3, 6))
  })

  it('leaveOneOut from flags: one computation per row; above 1000 rows a clear error and nothing stored', () => {
    const small = ['x,label', ...Array.from({ length: 12 }, (_, i) => `${i},${i < 6 ? 'a' : 'b'}`)].join('\n')
    expect(box.run(['dataset', 'load', '--file', write('small.csv', small), '--target', 'label', '--name', 'small']).status).toBe(0)
    const result = box.json<{ run: RunRecord }>(['experiment', 'execute', '--create-project', '-p', 'Splits', '--name', 'loo', '--dataset', 'small', '--estimator', 'knn', '--param', 'knn.k=1', '--split', 'leaveOneOut'])
    expect(result.run.split).toEqual({ strategy: 'leaveOneOut' })
    const { dir } = onlyRun('Splits', 'loo')
    const names = readdirSync(join(dir, 'computations'))
    expect(names).toHaveLength(12)
    for (let i = 0; i < 12; i++) {
      expect(readJson<ResultsFile>(join(dir, 'computations', `split-${i}-point-0`, 'results.json')).rows.map((r) => r.index)).toEqual([i])
    }
    const big = ['x,label', ...Array.from({ length: 1001 }, (_, i) => `${i},${i % 2 ? 'a' : 'b'}`)].join('\n')
    expect(box.run(['dataset', 'load', '--file', write('big.csv', big), '--target', 'label', '--name', 'big']).status).toBe(0)
    expectOneLineError(box.run(['experiment', 'execute', '--create-project', '-p', 'Big', '--name', 'loo', '--dataset', 'big', '--estimator', 'knn', '--split', 'leaveOneOut']),
      /leaveOneOut would fit 1001 models, one per row; it is limited to 1000 rows: use --split cv/, 2)
    expect(existsSync(join(box.root, 'projects', 'Big'))).toBe(false)
  })

  it('experiment create records the execution without a run; execute of the same file adds its runs to it; commits clean', () => {
    const code = join(box.dir, 'code')
    mkdirSync(code)
    git(code, 'init', '-q')
    writeFileSync(join(code, 'exp.ts'), RULE.replace("project: 'Own', name: 'rule'", "project: 'Defined', name: 'later'"))
    git(code, 'add', 'exp.ts')
    git(code, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'experiment')
    const commit = git(code, 'rev-parse', 'HEAD').trim()

    const created = box.json<{ execution: ExecutionRecord; created: boolean; plan: { splits: number; points: number } }>(['experiment', 'create', '--file', join(code, 'exp.ts')])
    expect(created).toMatchObject({ created: true, plan: { splits: 3, points: 2 } })
    expect(created.execution.version).toBe(commit.slice(0, 12))
    expect(created.execution.source).toMatchObject({ kind: 'git', commit, dirty: false, source: expect.stringContaining('petalRule') })
    const executionDir = join(experimentDir('Defined', 'later'), 'executions', commit.slice(0, 12))
    expect(readdirSync(executionDir)).toEqual(['execution.json'])
    expectClean('Defined', 'later')
    expect(git(experimentDir('Defined', 'later'), 'log', '-1', '--format=%s').trim()).toBe(`execution ${commit.slice(0, 12)}: defined`)
    expect(git(join(box.root, 'projects', 'Defined'), 'submodule', 'status')).toContain(git(experimentDir('Defined', 'later'), 'rev-parse', 'HEAD').trim())

    const again = box.run(['experiment', 'create', '--file', join(code, 'exp.ts')])
    expect(again.stdout).toMatch(/already recorded; nothing changed/)

    const executed = box.json<{ run: RunRecord; execution: ExecutionRecord }>(['experiment', 'execute', '--file', join(code, 'exp.ts')])
    expect(executed.run.execution).toBe(commit.slice(0, 12))
    expect(executed.execution.createdAt).toBe(created.execution.createdAt)
    const executions = box.json<Array<{ version: string; runs: number }>>(['execution', 'list', '--project', 'Defined'])
    expect(executions.map((x) => [x.version, x.runs])).toEqual([[commit.slice(0, 12), 1]])
    expectClean('Defined', 'later')
  })
})

describe('bad definitions: one line, a non-zero exit, nothing stored', () => {
  const box = sandbox()
  const projects = () => (existsSync(join(box.root, 'projects')) ? readdirSync(join(box.root, 'projects')) : [])
  const def = (body: string, head = '') => `import { defineComponent, defineExperiment, knn } from 'padre'
${head}
export default defineExperiment({ project: 'Bad', name: 'e', dataset: 'iris', ${body} })
`
  const model = (spec: string) => `const mine = defineComponent({ ${spec} })`
  const okModel = "name: 'mine', kind: 'estimator', tasks: ['classification'], params: { depth: { type: 'int', default: 2, min: 1 } }, create: () => ({ fit() {}, predict: (X) => new Array(X.rows).fill(0) })"

  it.each(([
    ['an unknown top-level key', def('pipline: [knn()]'), /unknown key 'pipline'; did you mean 'pipeline'\?/],
    ['an unknown split key', def("pipeline: [knn()], split: { strategy: 'random', test_ratio: 0.2 }"), /unknown key 'split\.test_ratio'; did you mean 'testRatio'\?/],
    ['an unknown key in a component spec', def('pipeline: [{ ...knn(), parms: { k: 3 } }]'), /unknown key 'pipeline\[0\]\.parms'; did you mean 'params'\?/],
    ['an unknown key in a defineComponent definition', def('pipeline: [mine()]', model(okModel.replace('tasks:', 'taks:'))), /defineComponent\('mine'\): unknown key 'taks'; did you mean 'tasks'\?/],
    ['an unknown key in a ParamSpec', def('pipeline: [mine()]', model(okModel.replace('min: 1', 'minimum: 1'))), /unknown key 'params\.depth\.minimum'; did you mean 'min'\?/],
    ["a built-in's name", def('pipeline: [mine()]', model(okModel.replace("name: 'mine'", "name: 'knn'"))), /'knn' is a built-in component's name; pick another/],
    ['a misspelt parameter of a user component', def('pipeline: [mine({ dept: 3 })]', model(okModel)), /Unknown parameter 'mine\.dept'\. Did you mean 'depth'\? mine accepts: depth/],
    ['a grid value of the wrong type', def("pipeline: [mine()], grid: { 'mine.depth': [2, 'x'] }", model(okModel)), /Parameter mine\.depth must be an integer/],
    ['an explicit split row out of range', def("pipeline: [knn()], split: { strategy: 'explicit', splits: [{ train: [0, 1], test: [150] }] }"), /split\.splits\[0\]\.test holds 150: row indices are integers in 0\.\.149/],
    ['a split function returning an empty test', def("pipeline: [knn()], split: { strategy: 'function', function: function half() { return [{ train: [0, 1], test: [] }] } }"), /split function 'half' returned splits; splits\[0\]\.test must be a non-empty list/],
    ['folds on leaveOneOut', def("pipeline: [knn()], split: { strategy: 'leaveOneOut', folds: 3 }"), /'split\.folds' does not apply to strategy 'leaveOneOut' \(it takes no other key\)/],
  ] as Array<[string, string, RegExp]>).map(([name, text, pattern], i): [string, string, RegExp, number] => [name, text, pattern, i]))('%s', (_, text, pattern, index) => {
    writeFileSync(join(box.dir, 'bad.ts'), text)
    expectOneLineError(box.run([index % 3 === 0 ? 'experiment create' : 'experiment execute', '--file', 'bad.ts'].join(' ').split(' ')), pattern, 2)
    expect(projects()).toEqual([])
  })

  it('experiment create --help shows examples and --json', () => {
    const help = box.run(['experiment', 'create', '--help'])
    expect(help.stdout).toMatch(/EXAMPLES[\s\S]*experiment create --file/)
    expect(help.stdout).toMatch(/--json/)
  })

  it('--repeats out of range from flags', () => {
    expectOneLineError(box.run(['experiment', 'execute', '--create-project', '-p', 'Bad', '--name', 'e', '--dataset', 'iris', '--estimator', 'knn', '--repeats', '0']), /--repeats must be an integer between 1 and 100, got 0/, 2)
    expect(projects()).toEqual([])
  })
})
