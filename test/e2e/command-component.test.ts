import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExecutionRecord, ResultsFile, RunRecord } from '../../src/core/model/types.js'
import { componentSeed } from '../../src/core/pipeline/fit-predict.js'
import { BIN, REPO, sandbox, type CliResult } from '../helpers/cli.js'

// Python: PADRE_PYTHON when set, else Debian's /usr/bin/python3 (the one with scikit-learn; the first
// python3 on PATH may lack it). The same interpreter runs padre's components and the scripts run by hand.
const PYTHON = process.env.PADRE_PYTHON ?? '/usr/bin/python3'
const EXAMPLE = join(REPO, 'examples', 'python-sklearn')

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } })
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T
const env = { PADRE_PYTHON: PYTHON }

/** The iris rows, read by the test itself (not by padre's code). */
function iris(): { X: string[][]; y: string[] } {
  const [, ...lines] = readFileSync(join(REPO, 'data', 'iris.csv'), 'utf8').trim().split('\n')
  const rows = lines.map((l) => l.split(','))
  return { X: rows.map((r) => r.slice(0, 4)), y: rows.map((r) => r[4]) }
}

function runs(root: string, project: string, experiment: string): Array<{ dir: string; run: RunRecord }> {
  const executions = join(root, 'projects', project, 'experiments', experiment, 'executions')
  return readdirSync(executions).flatMap((v) => {
    const dir = join(executions, v, 'runs')
    return existsSync(dir) ? readdirSync(dir).map((r) => ({ dir: join(dir, r), run: readJson<RunRecord>(join(dir, r, 'run.json')) })) : []
  })
}

function expectOneLine(result: CliResult, pattern: RegExp, exit: number): void {
  const lines = result.stderr.trim().split('\n')
  expect(lines.filter((l) => l.startsWith('Error: '))).toHaveLength(1)
  expect(lines[lines.length - 1]).toMatch(pattern)
  expect(result.stderr).not.toMatch(/\n\s+at /)
  expect(result.status).toBe(exit)
}

describe('the python-sklearn example: a command component against the same script run by hand', () => {
  const box = sandbox()
  const result = box.run(['experiment', 'execute', '--file', join(EXAMPLE, 'iris-forest.ts'), '--json'], { env })

  it('records per-row predictions and probabilities equal to the script run by hand on the same rows', () => {
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const { run } = JSON.parse(result.stdout) as { run: RunRecord }
    expect(run.status).toBe('finished')
    expect(run.pipeline[0]).toMatchObject({ component: 'forest', origin: 'command', command: { run: [PYTHON, 'forest.py'], timeoutS: 120 } })
    const [{ dir }] = runs(box.root, 'Examples', 'iris-sklearn-forest')
    const computations = readdirSync(join(dir, 'computations')).sort()
    expect(computations).toHaveLength(3)
    const data = iris()
    for (const c of computations) {
      const recorded = readJson<ResultsFile>(join(dir, 'computations', c, 'results.json'))
      const test = recorded.rows.map((r) => r.index)
      const inTest = new Set(test)
      const train = data.y.map((_, i) => i).filter((i) => !inTest.has(i))
      // A job folder written here, by hand, in the documented format.
      const job = mkdtempSync(join(box.dir, 'hand-'))
      const names = ['x0', 'x1', 'x2', 'x3']
      writeFileSync(join(job, 'train.csv'), [[...names, 'target'].join(','), ...train.map((i) => [...data.X[i], data.y[i]].join(','))].join('\n') + '\n')
      writeFileSync(join(job, 'test.csv'), [names.join(','), ...test.map((i) => data.X[i].join(','))].join('\n') + '\n')
      writeFileSync(join(job, 'job.json'), JSON.stringify({
        formatVersion: 1, component: 'forest', kind: 'estimator', task: 'classification', params: { nEstimators: 20, maxDepth: 3 },
        seed: seedOf(run.seed, c), classes: ['setosa', 'versicolor', 'virginica'], featureNames: names, targetName: 'target',
        trainRows: train.length, testRows: test.length, outputDir: job, output: 'predictions.csv',
      }))
      execFileSync(PYTHON, ['forest.py'], { cwd: EXAMPLE, env: { ...process.env, PADRE_JOB_DIR: job } })
      const [header, ...lines] = readFileSync(join(job, 'predictions.csv'), 'utf8').trim().split(/\r?\n/)
      expect(header).toBe('prediction,proba_setosa,proba_versicolor,proba_virginica')
      const byHand = lines.map((l) => l.split(','))
      expect(recorded.rows.map((r) => r.predicted)).toEqual(byHand.map((f) => f[0]))
      expect(recorded.rows.map((r) => r.probabilities)).toEqual(byHand.map((f) => f.slice(1).map(Number)))
      // The script's own metrics.json, recorded beside padre's metrics of the computation.
      const { componentMetrics } = readJson<{ componentMetrics?: Record<string, unknown> }>(join(dir, 'computations', c, 'metrics.json'))
      expect(componentMetrics).toEqual({ forest: readJson(join(job, 'metrics.json')) })
    }
  })

  it('stores the script with the execution and versions it', () => {
    const { execution } = JSON.parse(result.stdout) as { execution: ExecutionRecord }
    expect(execution.version).toMatch(/-src-[0-9a-f]{8}$/)
    const sources = execution.source.kind === 'spec' ? [] : execution.source.commandSources
    expect(sources).toEqual([expect.objectContaining({ component: 'forest', path: 'forest.py', source: readFileSync(join(EXAMPLE, 'forest.py'), 'utf8') })])
  })
})

/** The seed padre hands a component for a computation (split-<s>-point-<p>): derived from the run's seed. */
function seedOf(seed: number, computation: string): number {
  const m = /^split-(\d+)-point-(\d+)$/.exec(computation)!
  return componentSeed(seed, Number(m[1]), Number(m[2]))
}

describe('command components: versions and transformers', () => {
  const box = sandbox()
  const code = join(box.dir, 'code')
  mkdirSync(code)
  git(code, 'init', '-q', '-b', 'main')
  // No scikit-learn here: a majority-class program and a feature-doubling transformer start in milliseconds.
  const majority = (comment: string) => `# ${comment}
import csv, json, os
from collections import Counter
d = os.environ['PADRE_JOB_DIR']
job = json.load(open(os.path.join(d, 'job.json')))
train = list(csv.DictReader(open(os.path.join(d, 'train.csv'))))
top = Counter(r[job['targetName']] for r in train).most_common(1)[0][0]
with open(os.path.join(job['outputDir'], 'predictions.csv'), 'w') as f:
    f.write('prediction\\n' + ''.join(top + '\\n' for _ in range(job['testRows'])))
`
  writeFileSync(join(code, 'majority.py'), majority('v1'))
  writeFileSync(join(code, 'double.py'), `import csv, json, os
d = os.environ['PADRE_JOB_DIR']
job = json.load(open(os.path.join(d, 'job.json')))
rows = list(csv.reader(open(os.path.join(d, 'test.csv'))))
with open(os.path.join(job['outputDir'], 'transformed.csv'), 'w') as f:
    f.write(','.join(rows[0]) + '\\n' + ''.join(','.join(repr(float(v) * job['params']['factor']) for v in r) + '\\n' for r in rows[1:]))
`)
  writeFileSync(join(code, 'exp.ts'), `import { command, defineExperiment } from 'padre'
const majority = command({ name: 'majority', kind: 'estimator', tasks: ['classification'], run: [process.env.PADRE_PYTHON ?? 'python3', 'majority.py'] })
export default defineExperiment({ project: 'Cmd', name: 'majority', dataset: 'iris', pipeline: [majority()], split: { strategy: 'cv', folds: 2 }, seed: 1 })
`)
  writeFileSync(join(code, 'doubled.ts'), `import { command, defineExperiment, knn } from 'padre'
const double = command({ name: 'double', kind: 'transformer', run: [process.env.PADRE_PYTHON ?? 'python3', 'double.py'], params: { factor: { type: 'number', default: 2 } } })
export default defineExperiment({ project: 'Cmd', name: 'doubled', dataset: 'iris', pipeline: [double(), knn({ k: 5 })], split: { strategy: 'cv', folds: 3 }, seed: 1 })
`)
  git(code, 'add', '.')
  git(code, 'commit', '-qm', 'v1')
  const execute = (file = 'exp.ts') => {
    const r = box.run(['experiment', 'execute', '--file', join(code, file), '--json'], { env })
    if (r.status !== 0) throw new Error(r.stderr)
    return JSON.parse(r.stdout) as { run: RunRecord; execution: ExecutionRecord }
  }

  it('the same script maps to the same execution; editing the script makes a new one', () => {
    const head = git(code, 'rev-parse', 'HEAD').trim().slice(0, 12)
    const first = execute()
    const same = execute()
    writeFileSync(join(code, 'majority.py'), majority('v2'))
    const edited = execute()
    expect(first.execution.version).toMatch(new RegExp(`^${head}-src-[0-9a-f]{8}$`))
    expect(same.execution.id).toBe(first.execution.id)
    // The definition file is unchanged and committed: only the script's content tells the versions apart.
    expect(edited.execution.version).toMatch(new RegExp(`^${head}-src-[0-9a-f]{8}$`))
    expect(edited.execution.id).not.toBe(first.execution.id)
    const source = (e: ExecutionRecord) => (e.source.kind === 'git' ? e.source.commandSources?.[0]?.source : undefined)
    expect(source(first.execution)).toContain('# v1')
    expect(source(edited.execution)).toContain('# v2')
    expect(first.run.status).toBe('finished')
  })

  it('params reach the program in job.json, grid points included', () => {
    writeFileSync(join(code, 'echo.py'), `import json, os
d = os.environ['PADRE_JOB_DIR']
job = json.load(open(os.path.join(d, 'job.json')))
open(os.path.join(d, 'predictions.csv'), 'w').write('prediction\\n' + 'setosa\\n' * job['testRows'])
json.dump({'params': job['params'], 'seed': job['seed'], 'rows': [job['trainRows'], job['testRows']]}, open(os.path.join(d, 'metrics.json'), 'w'))
`)
    writeFileSync(join(code, 'grid.ts'), `import { command, defineExperiment } from 'padre'
const echo = command({ name: 'echo', kind: 'estimator', tasks: ['classification'], run: [process.env.PADRE_PYTHON ?? 'python3', 'echo.py'],
  params: { depth: { type: 'int', default: 3, min: 1 }, mode: { type: 'enum', values: ['a', 'b'], default: 'a' } } })
export default defineExperiment({ project: 'Cmd', name: 'grid', dataset: 'iris', pipeline: [echo({ mode: 'b' })], grid: { 'echo.depth': [2, 7] }, split: { strategy: 'cv', folds: 2 }, seed: 5 })
`)
    const { run } = execute('grid.ts')
    expect(run.points).toEqual([{ 'echo.depth': 2, 'echo.mode': 'b' }, { 'echo.depth': 7, 'echo.mode': 'b' }])
    const [{ dir }] = runs(box.root, 'Cmd', 'grid')
    const seen = readdirSync(join(dir, 'computations')).sort().map((c) => [c, readJson<{ componentMetrics: Record<string, unknown> }>(join(dir, 'computations', c, 'metrics.json')).componentMetrics.echo])
    expect(seen).toEqual([
      ['split-0-point-0', { params: { depth: 2, mode: 'b' }, seed: seedOf(5, 'split-0-point-0'), rows: [75, 75] }],
      ['split-0-point-1', { params: { depth: 7, mode: 'b' }, seed: seedOf(5, 'split-0-point-1'), rows: [75, 75] }],
      ['split-1-point-0', { params: { depth: 2, mode: 'b' }, seed: seedOf(5, 'split-1-point-0'), rows: [75, 75] }],
      ['split-1-point-1', { params: { depth: 7, mode: 'b' }, seed: seedOf(5, 'split-1-point-1'), rows: [75, 75] }],
    ])
    // A bad param value is bad input before anything runs.
    writeFileSync(join(code, 'badparam.ts'), readFileSync(join(code, 'grid.ts'), 'utf8').replace("name: 'grid'", "name: 'badparam'").replace("mode: 'b' })", "mode: 'c' })"))
    expectOneLine(box.run(['experiment', 'execute', '--file', join(code, 'badparam.ts')], { env }), /Parameter echo\.mode must be one of a\|b, not "c"/, 2)
    expect(existsSync(join(box.root, 'projects', 'Cmd', 'experiments', 'badparam'))).toBe(false)
  })

  it('a command transformer feeds a built-in estimator: doubling the features leaves knn predicting the same', () => {
    const doubled = execute('doubled.ts')
    expect(doubled.run.status).toBe('finished')
    const plain = box.json<{ run: RunRecord }>(['experiment', 'execute', '-p', 'Cmd', '--name', 'plain', '--dataset', 'iris', '--estimator', 'knn', '--param', 'knn.k=5', '--split', 'cv', '--folds', '3', '--seed', '1'])
    const predictions = (project: string, experiment: string) => {
      const [{ dir }] = runs(box.root, project, experiment)
      return readdirSync(join(dir, 'computations')).sort().flatMap((c) => readJson<ResultsFile>(join(dir, 'computations', c, 'results.json')).rows)
    }
    expect(plain.run.status).toBe('finished')
    const a = predictions('Cmd', 'doubled')
    expect(a).toHaveLength(150)
    expect(a).toEqual(predictions('Cmd', 'plain'))
  })
})

describe('a failing command component: one line, exit 7, the run recorded failed with its stderr, committed', () => {
  const box = sandbox()
  const code = join(box.dir, 'code')
  mkdirSync(code)
  const pidFile = join(box.dir, 'child.pid')
  const scripts: Record<string, string> = {
    exit: `import sys\nfor i in range(30): print('noise line %d' % i, file=sys.stderr)\nprint('ValueError: bad input shape', file=sys.stderr)\nsys.exit(3)\n`,
    timeout: `import subprocess, time\np = subprocess.Popen(['sleep', '300'])\nopen(${JSON.stringify(pidFile)}, 'w').write(str(p.pid))\nimport sys\nprint('still fitting', file=sys.stderr, flush=True)\ntime.sleep(300)\n`,
    missing: `print('done, wrote nothing')\n`,
    malformed: `import json, os\nd = os.environ['PADRE_JOB_DIR']\njob = json.load(open(os.path.join(d, 'job.json')))\nopen(os.path.join(d, 'predictions.csv'), 'w').write('prediction,proba_setosa,proba_versicolor,proba_virginica\\nsetosa,1,0,0\\nsetosa,abc,0,0\\n' + 'setosa,1,0,0\\n' * (job['testRows'] - 2))\n`,
    rows: `import os\nopen(os.path.join(os.environ['PADRE_JOB_DIR'], 'predictions.csv'), 'w').write('prediction\\nsetosa\\n')\n`,
    metrics: `import json, os\nd = os.environ['PADRE_JOB_DIR']\njob = json.load(open(os.path.join(d, 'job.json')))\nopen(os.path.join(d, 'predictions.csv'), 'w').write('prediction\\n' + 'setosa\\n' * job['testRows'])\nopen(os.path.join(d, 'metrics.json'), 'w').write('[1, 2]')\n`,
    labels: `import json, os\nd = os.environ['PADRE_JOB_DIR']\njob = json.load(open(os.path.join(d, 'job.json')))\nopen(os.path.join(d, 'predictions.csv'), 'w').write('prediction\\n' + 'setosa\\n' * (job['testRows'] - 1) + 'banana\\n')\n`,
  }
  const definition = (name: string, run: string[], extra = '') => `import { command, defineExperiment } from 'padre'
const bad = command({ name: 'bad', kind: 'estimator', tasks: ['classification'], run: ${JSON.stringify(run)}${extra} })
export default defineExperiment({ project: 'Fail', name: '${name}', dataset: 'iris', pipeline: [bad()], split: { strategy: 'cv', folds: 2 }, seed: 1 })
`
  for (const [name, script] of Object.entries(scripts)) {
    writeFileSync(join(code, `${name}.py`), script)
    writeFileSync(join(code, `${name}.ts`), definition(name, [PYTHON, `${name}.py`], name === 'timeout' ? ', timeoutS: 1' : ''))
  }
  writeFileSync(join(code, 'noprogram.ts'), definition('noprogram', ['no-such-program-padre', 'exit.py']))
  writeFileSync(join(code, 'noscript.ts'), definition('noscript', [PYTHON, 'nosuch.py']))

  it.each([
    ['exit', /Component 'bad' failed: '.* exit\.py' exited with code 3 \(ValueError: bad input shape\)\./],
    ['timeout', /Component 'bad' timed out after 1 s: '.* timeout\.py' was stopped\./],
    ['missing', /Component 'bad' wrote no predictions\.csv/],
    ['malformed', /Component 'bad' wrote bad output: predictions\.csv line 3: proba_setosa 'abc' is not a finite number\./],
    ['rows', /Component 'bad' wrote bad output: predictions\.csv has 1 rows for 75 test rows\./],
    ['labels', /Component 'bad' wrote bad output: predictions\.csv line 76: unknown class label 'banana' \(the classes are setosa, versicolor, virginica\)\./],
    ['metrics', /Component 'bad' wrote bad output: metrics\.json must hold a JSON object/],
    ['noprogram', /Component 'bad' could not start 'no-such-program-padre exit\.py': 'no-such-program-padre' was not found/],
  ])('%s', (name, pattern) => {
    const result = box.run(['experiment', 'execute', '--file', join(code, `${name}.ts`)], { env })
    expectOneLine(result, pattern, 7)
    const [{ dir, run }] = runs(box.root, 'Fail', name)
    expect(run.status).toBe('failed')
    expect(run.error).toMatch(pattern)
    expect(run.failure).toMatchObject({ component: 'bad', phase: 'predict' })
    expect(existsSync(join(dir, 'computations'))).toBe(false)
    const experiment = join(box.root, 'projects', 'Fail', 'experiments', name)
    expect(git(experiment, 'log', '-1', '--format=%s')).toMatch(new RegExp(`^run ${run.run}: failed`))
    for (const repo of [experiment, join(box.root, 'projects', 'Fail')]) expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('')
    if (name === 'exit') {
      // The last 20 lines of stderr, not the whole of it.
      const tail = run.failure!.stderr!.split('\n')
      expect(tail).toHaveLength(20)
      expect(tail[0]).toBe('noise line 11')
      expect(tail[19]).toBe('ValueError: bad input shape')
      expect(run.failure!.location).toBe(join(code, 'exit.py'))
    }
    if (name === 'missing') expect(run.failure!.stdout).toBe('done, wrote nothing')
    if (name === 'timeout') {
      expect(run.failure!.stderr).toBe('still fitting')
      // The whole process group was killed: the script's own child too.
      const pid = Number(readFileSync(pidFile, 'utf8'))
      expect(alive(pid)).toBe(false)
    }
  })

  it('a second Ctrl-C during a program ends padre and the program\'s whole process group', async () => {
    const pids = join(box.dir, 'hang.pids')
    writeFileSync(join(code, 'hang.py'), `import os, subprocess, time\np = subprocess.Popen(['sleep', '300'])\nopen(${JSON.stringify(pids)}, 'w').write('%d %d' % (os.getpid(), p.pid))\ntime.sleep(300)\n`)
    writeFileSync(join(code, 'hang.ts'), definition('hang', [PYTHON, 'hang.py']))
    const padre = spawn(process.execPath, [BIN, 'experiment', 'execute', '--file', join(code, 'hang.ts')], {
      cwd: box.dir, env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true', DEBUG: '', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    padre.stderr.on('data', (d) => { stderr += d })
    const exited = new Promise<number | null>((done) => padre.on('exit', (code) => done(code)))
    await until(() => existsSync(pids) && readFileSync(pids, 'utf8').includes(' '))
    padre.kill('SIGINT')
    await until(() => stderr.includes('Stopping after the current split'))
    padre.kill('SIGINT')
    expect(await exited).toBe(130)
    // SIGKILL is delivered asynchronously: wait for both to die (without the kill they never do, and the test times out).
    for (const pid of readFileSync(pids, 'utf8').split(' ').map(Number)) await until(() => !alive(pid))
  })

  it('a script that does not exist is bad input: exit 2, nothing stored', () => {
    const result = box.run(['experiment', 'execute', '--file', join(code, 'noscript.ts')], { env })
    expectOneLine(result, /Component 'bad': its script 'nosuch\.py' does not exist/, 2)
    expect(existsSync(join(box.root, 'projects', 'Fail', 'experiments', 'noscript'))).toBe(false)
  })

  it('a bad command() call names the field', () => {
    writeFileSync(join(code, 'badcall.ts'), definition('badcall', []))
    expectOneLine(box.run(['experiment', 'execute', '--file', join(code, 'badcall.ts')], { env }), /command\('bad'\): 'run' must be a non-empty list of strings/, 2)
  })
})

/** Gone, or a zombie waiting for init to reap it: dead either way. */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return false
  }
}

/** Waits for a condition (checked every 20 ms; the test's own timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20))
}
