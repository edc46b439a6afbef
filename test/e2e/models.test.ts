import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ComputationRecord, ResultsFile } from '../../src/core/model/types.js'
import type { ModelVersionView, ModelSummary } from '../../src/core/services/models.js'
import type { ModelPredictions } from '../../src/core/services/models-predict.js'
import type { ExecuteResult } from '../../src/core/services/execute.js'
import type { SavedModel } from '../../src/core/models/saved-model.js'
import { git } from '../git/fixtures.js'
import { BIN, REPO, sandbox, type CliResult, type Sandbox } from '../helpers/cli.js'

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T

function expectOneLineError(result: CliResult, pattern: RegExp, exit: number): void {
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: exit, stderr: expect.stringMatching(pattern) })
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

/** The CLI in a child process, not waited for: to run several at once. */
function runAsync(box: Sandbox, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: box.dir, env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true', DEBUG: '' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }))
  })
}

const execute = (name: string, transformers: string[], extra: string[] = []) => [
  'experiment', 'execute', '--create-project', '-p', 'Models', '--name', name, '--dataset', 'iris',
  ...transformers.flatMap((t) => ['--transformer', t]), '--estimator', 'knn', '--param', 'knn.k=7', '--split', 'cv', '--folds', '5', '--seed', '3', ...extra,
]

describe('models: every computation keeps model.json; register, alias, predict without refitting', () => {
  const box = sandbox()
  const computationDir = (run: ExecuteResult['run'], local: string) =>
    join(box.root, 'projects', run.project, 'experiments', run.experiment, 'executions', run.execution, 'runs', run.run, 'computations', local)
  const computation = (run: ExecuteResult['run'], local: string) => readJson<ComputationRecord>(join(computationDir(run, local), 'computation.json'))
  const artifactFile = (sha: string) => join(box.root, 'artifacts', 'sha256', sha.slice(0, 2), sha.slice(2))
  const projectDir = join(box.root, 'projects', 'Models')
  const head = () => git(projectDir, 'rev-parse', 'HEAD').trim()

  const knn = box.json<ExecuteResult>(execute('knn', []))
  const scaled = box.json<ExecuteResult>(execute('scaled-knn', ['standardScaler']))

  it('stores a verified model.json per computation, referenced from computation.json with the cacheKey as producer', () => {
    for (const split of [0, 1, 2, 3, 4]) {
      const record = computation(scaled.run, `split-${split}-point-0`)
      expect(record.artifacts).toHaveLength(1)
      const [ref] = record.artifacts!
      expect(ref).toEqual({ path: 'model.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: expect.any(Number), producer: record.cacheKey })
      const bytes = readFileSync(artifactFile(ref.sha256))
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(ref.sha256)
      expect(bytes.length).toBe(ref.size)
      const model = JSON.parse(bytes.toString('utf8')) as SavedModel
      expect(model).toMatchObject({ formatVersion: 1, task: 'classification', classes: ['setosa', 'versicolor', 'virginica'], features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] })
      expect(model.steps.map((s) => s.component)).toEqual(['standardScaler', 'knn'])
      expect(model.steps[1].params).toEqual({ k: 7, weights: 'uniform' })
    }
    const shown = box.run(['computation', 'get', `${scaled.run.id}:split-0-point-0`, '--rows', '0'])
    expect(shown.stdout).toMatch(new RegExp(`artifacts +│ model\\.json ${computation(scaled.run, 'split-0-point-0').artifacts![0].sha256.slice(0, 12)} \\(\\d+ bytes\\)`))
    // Artifacts live outside the repositories: git records only the hashes.
    expect(git(join(projectDir, 'experiments', 'scaled-knn'), 'status', '--porcelain')).toBe('')
  })

  it('registers versions and aliases as commits in the project repository, checked by native git', () => {
    const v1 = box.json<ModelVersionView>(['model', 'register', `${knn.run.id}:split-2-point-0`, '--name', 'iris-knn', '--alias', 'production'])
    expect(v1).toMatchObject({ id: 'Models:iris-knn@1', version: 1, aliases: ['production'], computation: `${knn.run.id}:split-2-point-0`, target: 'species', task: 'classification' })
    const v2 = box.json<ModelVersionView>(['model', 'register', `${knn.run.id}:split-4-point-0`, '--name', 'iris-knn'])
    expect(v2).toMatchObject({ version: 2, aliases: [] })
    box.json(['model', 'register', `${scaled.run.id}:split-1-point-0`, '--name', 'iris-scaled'])
    expect(box.json<ModelVersionView>(['model', 'get', 'iris-knn']).version).toBe(2)
    expect(box.json<ModelVersionView>(['model', 'get', 'iris-knn@production']).version).toBe(1)
    expect(box.json<ModelVersionView>(['model', 'get', 'Models:iris-knn@1']).computation).toBe(v1.computation)
    box.json(['model', 'alias', 'set', 'iris-knn', 'staging', '2'])
    const list = box.json<ModelSummary[]>(['model', 'list'])
    expect(list.map((m) => [m.name, m.versions, m.aliases])).toEqual([['iris-knn', 2, { production: 1, staging: 2 }], ['iris-scaled', 1, {}]])
    expect(git(projectDir, 'log', '--format=%s', '-4').trim().split('\n')).toEqual([
      'model iris-knn: alias staging -> version 2', 'model iris-scaled: register version 1', 'model iris-knn: register version 2', 'model iris-knn: register version 1 as production',
    ])
    expect(git(projectDir, 'status', '--porcelain')).toBe('')
    expect(git(projectDir, 'ls-files', 'models').trim().split('\n')).toEqual([
      'models/iris-knn/aliases.json', 'models/iris-knn/versions/1.json', 'models/iris-knn/versions/2.json', 'models/iris-scaled/versions/1.json',
    ])
    git(projectDir, 'fsck', '--no-progress')
  })

  /** The predictions of a registered model on the whole dataset equal, on the split's test rows, those recorded in results.json. */
  const expectRecorded = (predictions: ModelPredictions, run: ExecuteResult['run'], local: string) => {
    const results = readJson<ResultsFile>(join(computationDir(run, local), 'results.json'))
    expect(results.rows.length).toBe(30)
    for (const recorded of results.rows) {
      const now = predictions.rows[recorded.index]
      expect(now.row).toBe(recorded.index)
      expect(now.predicted).toBe(recorded.predicted)
      expect(now.probabilities).toEqual(recorded.probabilities)
      now.probabilities!.forEach((p, c) => expect(Object.is(p, recorded.probabilities![c])).toBe(true))
    }
  }

  it('predicts on the dataset exactly what the computation recorded on its test rows (knn, and standardScaler + knn)', () => {
    const production = box.json<ModelPredictions>(['model', 'predict', 'iris-knn@production', '--dataset', 'iris'])
    expect(production.rows).toHaveLength(150)
    expect(production.classes).toEqual(['setosa', 'versicolor', 'virginica'])
    expectRecorded(production, knn.run, 'split-2-point-0')
    expectRecorded(box.json<ModelPredictions>(['model', 'predict', 'iris-knn@2', '--dataset', 'iris']), knn.run, 'split-4-point-0')
    expectRecorded(box.json<ModelPredictions>(['model', 'predict', 'iris-scaled', '--dataset', 'iris']), scaled.run, 'split-1-point-0')
  })

  it('predicts the rows of a CSV file by column name (any order, the target may be there), and writes --out CSV', () => {
    const lines = readFileSync(join(REPO, 'data', 'iris.csv'), 'utf8').trim().split('\n').map((l) => l.split(','))
    const order = [3, 4, 0, 2, 1] // petal_width, species, sepal_length, petal_length, sepal_width
    writeFileSync(join(box.dir, 'flowers.csv'), lines.map((cells) => order.map((c) => cells[c]).join(',')).join('\n') + '\n')
    const fromCsv = box.json<ModelPredictions>(['model', 'predict', 'iris-scaled', '--dataset', join(box.dir, 'flowers.csv')])
    const fromDataset = box.json<ModelPredictions>(['model', 'predict', 'iris-scaled', '--dataset', 'iris'])
    expect(fromCsv.rows).toEqual(fromDataset.rows)
    // Not named .csv, and no dataset of that name: the file.
    writeFileSync(join(box.dir, 'flowers'), readFileSync(join(box.dir, 'flowers.csv')))
    expect(box.json<ModelPredictions>(['model', 'predict', 'iris-scaled', '--dataset', 'flowers']).rows).toEqual(fromDataset.rows)

    const out = join(box.dir, 'predictions.csv')
    const written = box.run(['model', 'predict', 'iris-scaled', '--dataset', 'flowers.csv', '--out', out])
    expect(written.status).toBe(0)
    expect(written.stdout).toMatch(/Wrote 150 predictions to/)
    const csv = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(','))
    expect(csv[0]).toEqual(['row', 'predicted', 'proba_setosa', 'proba_versicolor', 'proba_virginica'])
    expect(csv.slice(1).map(([row, predicted, ...p]) => ({ row: Number(row), predicted, probabilities: p.map(Number) }))).toEqual(fromDataset.rows)
  })

  it('a reused computation references the original model.json; --no-models keeps none and is computed again when models are wanted', () => {
    const again = box.json<ExecuteResult>(execute('knn', []))
    const reused = computation(again.run, 'split-2-point-0')
    expect(reused.reusedFrom).toBe(`${knn.run.id}:split-2-point-0`)
    expect(reused.artifacts).toEqual(computation(knn.run, 'split-2-point-0').artifacts)

    const bare = box.json<ExecuteResult>(execute('bare', [], ['--no-models']))
    expect(computation(bare.run, 'split-0-point-0').artifacts).toBeUndefined()
    const before = head()
    expectOneLineError(box.run(['model', 'register', `${bare.run.id}:split-0-point-0`, '--name', 'bare']), /kept no model\.json .*--no-models/, 2)
    expect(head()).toBe(before)
    const withModels = box.run([...execute('bare', []), '--json'])
    expect(withModels.stderr).not.toMatch(/reused from run/)
    const rerun = JSON.parse(withModels.stdout) as ExecuteResult
    expect(computation(rerun.run, 'split-0-point-0').artifacts).toHaveLength(1)
  })

  it('worker threads return the same model.json as this process', () => {
    const pooled = box.json<ExecuteResult>([...execute('scaled-knn', ['standardScaler']), '--jobs', '2', '--no-cache'])
    for (const split of [0, 1, 2, 3, 4]) {
      const here = computation(scaled.run, `split-${split}-point-0`)
      const there = computation(pooled.run, `split-${split}-point-0`)
      expect(there.reusedFrom).toBeUndefined()
      expect(there.artifacts).toEqual(here.artifacts)
    }
  })

  it('registrations at once take versions 1..n, one commit each', async () => {
    const results = await Promise.all([0, 1, 2, 3, 4].map((split) => runAsync(box, ['model', 'register', `${scaled.run.id}:split-${split}-point-0`, '--name', 'race', '--json'])))
    expect(results.map((r) => [r.status, r.stderr])).toEqual(results.map(() => [0, '']))
    const versions = results.map((r) => JSON.parse(r.stdout) as ModelVersionView)
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4, 5])
    for (const v of versions) expect(box.json<ModelVersionView>(['model', 'get', `race@${v.version}`]).computation).toBe(v.computation)
    const commits = git(projectDir, 'log', '--format=%H %s', '-5').trim().split('\n').map((l) => [l.slice(0, 40), l.slice(41)])
    expect(commits.map(([, subject]) => subject).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `model race: register version ${n}`))
    for (const [oid, subject] of commits) expect(git(projectDir, 'show', '--format=', '--name-only', oid).trim()).toBe(`models/race/versions/${subject.split(' ').pop()}.json`)
    expect(git(projectDir, 'status', '--porcelain')).toBe('')
  })

  it('a registration killed before its commit is committed by the next padre command (the journal)', () => {
    expect(existsSync(join(box.root, '.journal')) ? readdirSync(join(box.root, '.journal')) : []).toEqual([])
    // What a `model register` killed between writing version 3 and committing it leaves: the file, and its journal.
    const v2 = readJson<ModelVersionView>(join(projectDir, 'models', 'iris-knn', 'versions', '2.json'))
    writeFileSync(join(projectDir, 'models', 'iris-knn', 'versions', '3.json'), JSON.stringify({ ...v2, id: 'Models:iris-knn@3', version: 3, computation: `${knn.run.id}:split-0-point-0` }))
    mkdirSync(join(box.root, '.journal'), { recursive: true })
    writeFileSync(join(box.root, '.journal', '999999-0.json'), JSON.stringify([{ kind: 'model', project: 'Models', name: 'iris-knn', files: ['models/iris-knn/versions/3.json'] }]))
    expect(git(projectDir, 'status', '--porcelain')).toBe('?? models/iris-knn/versions/3.json\n')
    expect(box.json<ModelVersionView>(['model', 'get', 'iris-knn']).version).toBe(3)
    expect(git(projectDir, 'status', '--porcelain')).toBe('')
    expect(git(projectDir, 'log', '--format=%s', '-1').trim()).toBe('model iris-knn: recorded after an interrupted padre command')
    expect(readdirSync(join(box.root, '.journal'))).toEqual([])
  })

  describe('bad input: one line, non-zero exit, nothing stored changed', () => {
    const registry = () => git(projectDir, 'ls-files', '-s', 'models')

    it('columns that do not match the features name the missing and extra ones', () => {
      const before = [head(), registry()]
      writeFileSync(join(box.dir, 'wrong.csv'), 'sepal_length,sepal_width,petal_length,colour\n5.1,3.5,1.4,2\n')
      const out = join(box.dir, 'never.csv')
      expectOneLineError(box.run(['model', 'predict', 'iris-knn', '--dataset', 'wrong.csv', '--out', out]), /missing 'petal_width'; extra 'colour'/, 2)
      expect(existsSync(out)).toBe(false)
      expectOneLineError(box.run(['model', 'predict', 'iris-knn', '--dataset', 'diabetes']), /dataset 'diabetes' do not match model 'iris-knn' version 3: missing 'sepal_length'/, 2)
      expectOneLineError(box.run(['model', 'predict', 'iris-knn', '--dataset', 'nowhere.csv']), /CSV file 'nowhere.csv' not found/, 3)
      expect([head(), registry()]).toEqual(before)
    })

    it('unknown names, aliases and versions suggest what exists', () => {
      const before = [head(), registry()]
      expectOneLineError(box.run(['model', 'get', 'iris-kn']), /Model 'iris-kn' not found\. Did you mean 'iris-knn'/, 3)
      expectOneLineError(box.run(['model', 'predict', 'iris-knn@prodution', '--dataset', 'iris']), /no alias 'prodution'\. Did you mean 'production'/, 3)
      expectOneLineError(box.run(['model', 'get', 'iris-knn@9']), /has no version 9; its versions are 1, 2, 3/, 3)
      expectOneLineError(box.run(['model', 'alias', 'set', 'iris-knn', 'production', '7']), /has no version 7/, 3)
      expectOneLineError(box.run(['model', 'alias', 'set', 'iris-knn', '12', '1']), /digits only/, 2)
      expectOneLineError(box.run(['model', 'register', `${knn.run.id}:split-0-point-0`, '--name', 'a@b']), /contains '@'/, 2)
      expectOneLineError(box.run(['model', 'register', `${knn.run.id}:split-2-point-0`, '--name', 'iris-knn']), /already version 1 of model 'iris-knn'/, 4)
      expectOneLineError(box.run(['model', 'register', `${knn.run.id}:split-9-point-0`, '--name', 'x']), /Computation 'split-9-point-0' not found/, 3)
      expect([head(), registry()]).toEqual(before)
    })

    it('a model.json missing from the store says to pull it; a corrupted one is refused', () => {
      const sha = box.json<ModelVersionView>(['model', 'get', 'iris-knn@production']).artifact.sha256
      const file = artifactFile(sha)
      renameSync(file, `${file}.aside`)
      try {
        expectOneLineError(box.run(['model', 'predict', 'iris-knn@production', '--dataset', 'iris']), /model\.json of model 'iris-knn' version 1 .* is not in this machine's artifact store\. Run 'padre artifact pull'/, 3)
      } finally {
        renameSync(`${file}.aside`, file)
      }
      const good = readFileSync(file)
      writeFileSync(file, Buffer.concat([good, Buffer.from(' ')]))
      try {
        expectOneLineError(box.run(['model', 'predict', 'iris-knn@production', '--dataset', 'iris']), /corrupted/, 6)
      } finally {
        writeFileSync(file, good)
      }
      expect(box.run(['model', 'predict', 'iris-knn@production', '--dataset', 'iris']).status).toBe(0)
    })
  })
})

describe('model commands: --help with examples and --json', () => {
  const box = sandbox()
  it.each(['model register', 'model list', 'model get', 'model alias set', 'model predict'])('%s --help', (command) => {
    const help = box.run([...command.split(' '), '--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/EXAMPLES/)
    expect(help.stdout).toMatch(/--json/)
  })
})

describe('run reproduce replays the fitted pipeline too', () => {
  const box = sandbox()
  const { run } = box.json<ExecuteResult>(['experiment', 'execute', '--create-project', '-p', 'Rep', '--name', 'knn', '--dataset', 'iris', '--transformer', 'standardScaler', '--estimator', 'knn', '--folds', '3'])
  const file = (local: string) => join(box.root, 'projects', 'Rep', 'experiments', 'knn', 'executions', run.execution, 'runs', run.run, 'computations', local, 'computation.json')

  it('a replay whose model.json hashes otherwise than recorded does not reproduce', () => {
    expect(box.json<{ identical: boolean }>(['run', 'reproduce', run.id]).identical).toBe(true)
    const record = readJson<ComputationRecord>(file('split-1-point-0'))
    const other = readJson<ComputationRecord>(file('split-2-point-0')).artifacts![0].sha256
    writeFileSync(file('split-1-point-0'), JSON.stringify({ ...record, artifacts: [{ ...record.artifacts![0], sha256: other }] }))
    const replay = box.run(['run', 'reproduce', run.id, '--json'])
    expect(replay.status).toBe(1)
    const result = JSON.parse(replay.stdout) as { computations: Array<{ computation: string; differences: string[] }> }
    expect(result.computations.map((c) => [c.computation, c.differences])).toEqual([
      ['split-0-point-0', []],
      ['split-1-point-0', [`model.json: sha256 ${other.slice(0, 12)} recorded, ${record.artifacts![0].sha256.slice(0, 12)} now`]],
      ['split-2-point-0', []],
    ])
  })
})
