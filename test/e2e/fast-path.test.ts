import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/core/model/types.js'
import { BIN, sandbox } from '../helpers/cli.js'

// bin/run.js answers plain `run list` and `metric compare_metrics` without oclif (src/cli/fast-path.ts).
// Every case runs through both paths (PADRE_NO_FAST_PATH=1 forces oclif) and must print the same bytes.
const box = sandbox()
const exec = (args: string[]) => box.json<{ run: RunRecord }>(['experiment', 'execute', '--create-project', '-p', 'Fp', '--seed', '1', ...args]).run
exec(['--name', 'knn', '--dataset', 'iris', '--estimator', 'knn', '--grid', 'knn.k=1,5,9'])
exec(['--name', 'gnb', '--dataset', 'iris', '--estimator', 'gaussianNB'])
exec(['--name', 'reg', '--dataset', 'diabetes', '--estimator', 'linearRegression'])
// a preload that says, at exit, whether oclif was loaded (it is CommonJS, so it shows in require.cache)
const probe = join(box.dir, 'probe.cjs')
writeFileSync(probe, "process.on('exit', () => process.stderr.write(Object.keys(require.cache).some((k) => k.includes('@oclif')) ? '<oclif>' : '<fast>'))\n")

function both(args: string[]) {
  const run = (env: Record<string, string>) => {
    const r = spawnSync(process.execPath, ['--require', probe, BIN, ...args], {
      cwd: box.dir, encoding: 'utf8', env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true', DEBUG: '', ...env },
    })
    const path = r.stderr.endsWith('<fast>') ? 'fast' : r.stderr.endsWith('<oclif>') ? 'oclif' : 'unknown'
    return { status: r.status, stdout: r.stdout, stderr: r.stderr.replace(/<(fast|oclif)>$/, ''), path }
  }
  return { fast: run({}), oclif: run({ PADRE_NO_FAST_PATH: '1' }) }
}

const plain: string[][] = [
  ['run', 'list'],
  ['run', 'list', '--json'],
  ['run', 'list', '-p', 'Fp', '--limit', '1'],
  ['run', 'list', '--experiment', 'Fp:knn', '--status', 'finished', '--wide'],
  ['run', 'list', '--where', '{"metrics.accuracy": {"$gt": 0.5}}', '--columns', 'run,params.knn.k,metrics.accuracy'],
  ['run', 'list', '--filter', 'params.knn.k in (1, 9)', '--sort', 'accuracy', '--format', 'csv'],
  ['run', 'list', '--where', '{"metrics.accuracy": {"$gt": 2}}'],
  ['run', 'list', '--status=failed', '--json'],
  ['metric', 'compare_metrics'],
  ['metric', 'compare_metrics', '--json'],
  ['metric', 'compare_metrics', '-e', 'Fp:knn', '-m', 'accuracy', '-m', 'f1_macro', '--limit', '2', '--format', 'md'],
  ['metric', 'compare_metrics', '--sort', 'knn.k', '--wide', '--precision', '2'],
  ['metric', 'compare_metrics', '--filter', 'params.knn.k = 5', '--columns', 'accuracy', '--format', 'json'],
]

describe('the fast path of run list and compare_metrics', () => {
  it.each(plain.map((a) => [a.join(' '), a]))('%s: same output as oclif, without loading oclif', (_, args) => {
    const { fast, oclif } = both(args as string[])
    expect(fast.status).toBe(0)
    expect(fast.path).toBe('fast')
    expect(oclif.path).toBe('oclif')
    expect(fast.stdout.length).toBeGreaterThan(0)
    expect({ stdout: fast.stdout, stderr: fast.stderr, status: fast.status }).toEqual({ stdout: oclif.stdout, stderr: oclif.stderr, status: oclif.status })
  })

  const handedOver: string[][] = [
    ['run', 'list', '--help'],
    ['run', 'list', '--no-such-flag'],
    ['run', 'list', '--limit', '0'],
    ['run', 'list', '--status', 'done'],
    ['run', 'list', '--where', '{"metrics.acuracy": 1}'],
    ['run', 'list', '-p', 'Nope'],
    ['metric', 'compare_metrics', '--metric', 'nope', '--json'],
    ['metric', 'compare_metrics', '--sort', 'nope'],
  ]
  it.each(handedOver.map((a) => [a.join(' '), a]))('%s: left to oclif, which prints its own help or error', (_, args) => {
    const { fast, oclif } = both(args as string[])
    expect(fast.path).toBe('oclif')
    expect({ stdout: fast.stdout, stderr: fast.stderr, status: fast.status }).toEqual({ stdout: oclif.stdout, stderr: oclif.stderr, status: oclif.status })
  })
})
