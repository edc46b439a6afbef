import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ComputationMetrics, RunMetrics } from '../../src/core/model/types.js'
import { createApp } from '../../src/app/create-app.js'
import { executeExperiment } from '../../src/core/services/execute.js'
import { reevaluateRun } from '../../src/core/services/reevaluate.js'

const git = (dir: string, ...args: string[]) => {
  const r = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return r.stdout.trim()
}

// A run recorded by an older padre (whose macro averages counted absent classes as 0) is simulated
// by writing such a value into its stored files and committing it with native git.
test('reevaluate reports a changed value, recomputes it from results.json, and chains on the newest view', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'padre-reeval-'))
  writeFileSync(join(dir, 'padre.cfg'), `[LOCAL BACKEND]\nroot_dir = ${join(dir, 'root')}\n`)
  const app = await createApp({ configFile: join(dir, 'padre.cfg') })
  const { run } = await executeExperiment(app, {
    project: 'R', name: 'ordered', dataset: 'iris', pipeline: [{ component: 'knn', params: {} }],
    split: { strategy: 'cv', folds: 5, shuffle: false }, seed: 1, metrics: ['f1_macro', 'log_loss'],
  })
  const experiment = join(dir, 'root', 'projects', 'R', 'experiments', 'ordered')
  const runDir = join(experiment, 'executions', run.execution, 'runs', run.run)
  const first = join(runDir, 'computations', 'split-0-point-0', 'metrics.json')
  const stored = JSON.parse(readFileSync(first, 'utf8')) as ComputationMetrics
  expect(stored.values.f1_macro).toBe(1)
  writeFileSync(first, JSON.stringify({ ...stored, values: { ...stored.values, f1_macro: 1 / 3 } }))
  const runMetrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8')) as RunMetrics
  const oldMean = runMetrics.points[0].mean.f1_macro - (1 - 1 / 3) / 5
  runMetrics.points[0].mean.f1_macro = oldMean
  writeFileSync(join(runDir, 'metrics.json'), JSON.stringify(runMetrics))
  git(experiment, 'commit', '-qam', 'as an older padre recorded it')

  const { reevaluation } = await reevaluateRun(app, run.id, { metrics: ['f1_macro'] })
  expect(reevaluation.metrics).toEqual(['f1_macro'])
  const [change] = reevaluation.changes
  expect(change).toMatchObject({ point: 0, metric: 'f1_macro', old: oldMean })
  expect(change.new).toBeCloseTo(oldMean + (1 - 1 / 3) / 5, 12)
  const again = join(runDir, 'reevaluations', reevaluation.name, 'computations', 'split-0-point-0', 'metrics.json')
  const values = (JSON.parse(readFileSync(again, 'utf8')) as ComputationMetrics).values
  expect(values.f1_macro).toBe(1)
  expect(values.log_loss).toBe(stored.values.log_loss) // carried over, not recomputed
  expect(git(experiment, 'status', '--porcelain')).toBe('')

  // The next reevaluation starts from the newest view: nothing changes now.
  const second = await reevaluateRun(app, run.id, { metrics: ['f1_macro'] })
  expect(second.reevaluation.changes[0].old).toBe(change.new)
  expect(second.reevaluation.changes[0].new).toBe(change.new)
  expect((await app.store.runMetrics('R', 'ordered', run.execution, run.run))?.points[0].mean.f1_macro).toBe(change.new)
})
