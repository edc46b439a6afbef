import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ComputationMetrics, ResultsFile, RunMetrics, RunRecord } from '../../src/core/model/types.js'
import { BIN, sandbox } from '../helpers/cli.js'

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T
const knnFlags = ['experiment', 'execute', '--project', 'Examples', '--name', 'iris-knn', '--dataset', 'iris', '--estimator', 'knn', '--param', 'knn.k=7', '--split', 'cv', '--folds', '5', '--seed', '1', '--create-project']

describe('experiment execute (flags path)', () => {
  const box = sandbox()
  const first = box.run(knnFlags)

  it('prints a progress line per split and a metrics table', () => {
    expect(first.status).toBe(0)
    expect(first.stderr.match(/^\[\d\/5\] split \d: accuracy \d\.\d{4}/gm)).toHaveLength(5)
    expect(first.stdout).toMatch(/accuracy\s*│\s*0\.\d{4}/)
    expect(first.stdout).toMatch(/f1_weighted/)
  })

  it("leaves design.md's layout under root_dir, every file with schemaVersion", () => {
    const experiment = join(box.root, 'projects', 'Examples', 'experiments', 'iris-knn')
    expect(existsSync(join(box.root, 'projects', 'Examples', 'project.json'))).toBe(true)
    expect(existsSync(join(experiment, 'experiment.json'))).toBe(true)
    const [version] = readdirSync(join(experiment, 'executions'))
    expect(version).toMatch(/^spec-[0-9a-f]{12}$/)
    const runsDir = join(experiment, 'executions', version, 'runs')
    const [runName] = readdirSync(runsDir)
    const runDir = join(runsDir, runName)
    const run = readJson<RunRecord>(join(runDir, 'run.json'))
    expect(run).toMatchObject({ schemaVersion: 1, status: 'finished', project: 'Examples', experiment: 'iris-knn', execution: version, run: runName })
    expect(run.id).toBe(`Examples:iris-knn:${version}:${runName}`)
    expect(run.environment.node).toBe(process.version)
    expect(run.environment.datasetHash).toMatch(/^[0-9a-f]{64}$/)
    expect(run.points).toEqual([expect.objectContaining({ 'knn.k': 7 })])

    const computations = readdirSync(join(runDir, 'computations')).sort()
    expect(computations).toEqual([0, 1, 2, 3, 4].map((s) => `split-${s}-point-0`))
    const tested: number[] = []
    const accuracies: number[] = []
    for (const c of computations) {
      const dir = join(runDir, 'computations', c)
      expect(readJson<{ schemaVersion: number }>(join(dir, 'computation.json')).schemaVersion).toBe(1)
      const results = readJson<ResultsFile>(join(dir, 'results.json'))
      const metrics = readJson<ComputationMetrics>(join(dir, 'metrics.json'))
      results.rows.forEach((r) => {
        tested.push(r.index)
        expect(['setosa', 'versicolor', 'virginica']).toContain(r.truth)
        expect(r.probabilities).toHaveLength(3)
      })
      const correct = results.rows.filter((r) => r.truth === r.predicted).length
      expect(metrics.values.accuracy).toBeCloseTo(correct / results.rows.length, 12)
      expect(metrics.confusionMatrix!.flat().reduce((a, b) => a + b, 0)).toBe(results.rows.length)
      accuracies.push(metrics.values.accuracy)
    }
    expect(tested.sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i))
    const runMetrics = readJson<RunMetrics>(join(runDir, 'metrics.json'))
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length
    expect(runMetrics.points[0].mean.accuracy).toBeCloseTo(mean, 12)
    expect(runMetrics.points[0].splits).toBe(5)
  })

  it('logs one line per event to padre.log', () => {
    const lines = readFileSync(join(box.root, 'padre.log'), 'utf8').trim().split('\n')
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO|WARN|ERROR) \S+/)
    expect(lines.filter((l) => l.includes('computation:finished'))).toHaveLength(5)
    expect(lines.some((l) => l.includes('run:ended') && l.includes('finished'))).toBe(true)
  })

  it('gives the same metrics for the same seed, and a second run lands in the same execution', () => {
    const again = box.json<{ run: RunRecord; metrics: RunMetrics }>(knnFlags)
    const runs = box.json<RunRecord[]>(['run', 'list', '--project', 'Examples'])
    expect(runs).toHaveLength(2)
    expect(new Set(runs.map((r) => r.execution)).size).toBe(1)
    const firstMetrics = box.json<{ metrics: RunMetrics }>(['run', 'get', runs[1].id]).metrics
    expect(again.metrics.points[0].mean).toEqual(firstMetrics.points[0].mean)
  })

  it('runs every grid point on every split', () => {
    const result = box.json<{ run: RunRecord; metrics: RunMetrics }>(['experiment', 'execute', '-p', 'Examples', '--name', 'iris-grid', '--dataset', 'iris',
      '--transformer', 'standardScaler', '--estimator', 'knn', '--grid', 'knn.k=1,5,9', '--split', 'stratified', '--folds', '3'])
    expect(result.metrics.points.map((p) => p.parameters['knn.k'])).toEqual([1, 5, 9])
    expect(result.metrics.points.every((p) => p.splits === 3)).toBe(true)
    const computations = box.json<unknown[]>(['computation', 'list', result.run.id])
    expect(computations).toHaveLength(9)
  })

  it('does regression on the built-in diabetes set with a random split', () => {
    const result = box.json<{ run: RunRecord; metrics: RunMetrics }>(['experiment', 'execute', '-p', 'Examples', '--name', 'diabetes-ridge', '--dataset', 'diabetes',
      '--estimator', 'ridge', '--param', 'ridge.alpha=0.5', '--split', 'random', '--test-ratio', '0.2'])
    expect(Object.keys(result.metrics.points[0].mean).sort()).toEqual(['mae', 'max_abs_error', 'mean_error', 'mse', 'r2', 'rmse'])
    expect(result.run.mainMetric?.name).toBe('r2')
    expect(result.metrics.points[0].splits).toBe(1)
  })
})

describe('experiment execute --file', () => {
  const box = sandbox()

  it('loads a TypeScript definition that imports from padre, from any folder', () => {
    const file = join(box.dir, 'iris-nb.ts')
    writeFileSync(file, `import { defineExperiment, gaussianNB } from 'padre'
const folds: number = 4
export default defineExperiment({ project: 'Files', name: 'iris-nb', dataset: 'iris', pipeline: [gaussianNB()], split: { strategy: 'cv', folds }, seed: 3 })
`)
    const result = box.json<{ run: RunRecord; metrics: RunMetrics }>(['experiment', 'execute', '--file', file])
    expect(result.run.id.startsWith('Files:iris-nb:')).toBe(true)
    expect(result.metrics.points[0].splits).toBe(4)
  })

  it('loads a .mjs definition', () => {
    const file = join(box.dir, 'iris-tree.mjs')
    writeFileSync(file, `export default { project: 'Files', name: 'iris-tree', dataset: 'iris', pipeline: [{ component: 'decisionTree', params: { maxDepth: 3 } }], split: { strategy: 'random' }, seed: 2 }\n`)
    const result = box.json<{ run: RunRecord }>(['experiment', 'execute', '--file', file])
    expect(result.run.status).toBe('finished')
  })

  it('initialize writes a template that executes as it is', () => {
    const init = box.json<{ file: string }>(['experiment', 'initialize', '--name', 'from-template', '--project', 'Files'])
    expect(readFileSync(init.file, 'utf8')).toMatch(/defineExperiment\(/)
    const again = box.run(['experiment', 'initialize', '--name', 'from-template'])
    expect(again.status).not.toBe(0)
    expect(again.stderr).toMatch(/already exists/)
    const result = box.json<{ run: RunRecord }>(['experiment', 'execute', '--file', init.file])
    expect(result.run.status).toBe('finished')
  })
})

describe('Ctrl-C during experiment execute', () => {
  const box = sandbox()

  it('stops after the current split and records the run as cancelled', async () => {
    const { spawn } = await import('node:child_process')
    const child = spawn(process.execPath, [BIN, 'experiment', 'execute', '-p', 'Stop', '--create-project', '--name', 'slow', '--dataset', 'diabetes', '--estimator', 'randomForest',
      '--param', 'randomForest.nEstimators=1500', '--folds', '10'], { env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true' } })
    let stderr = ''
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    await new Promise<void>((resolve) => child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (/\[1\/10\]/.test(stderr)) resolve()
    }))
    child.kill('SIGINT')
    expect(await exit).toBe(130)
    expect(stderr).toMatch(/Error: cancelled after \d+ of 10 computations/)
    const [run] = box.json<RunRecord[]>(['run', 'list', '-p', 'Stop'])
    expect(run.status).toBe('cancelled')
    const done = box.json<unknown[]>(['computation', 'list', run.id]).length
    expect(done).toBeGreaterThanOrEqual(1)
    expect(done).toBeLessThan(10)
  })
})
