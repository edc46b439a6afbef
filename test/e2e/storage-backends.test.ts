import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { RunMetrics, RunRecord } from '../../src/core/model/types.js'
import { git } from '../git/fixtures.js'
import { sandbox, type CliResult, type Sandbox } from '../helpers/cli.js'

/** Every path under dir with the sha-256 of its bytes (folders as '/'): equal snapshots mean nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) {
        out[relative(dir, path)] = '/'
        walk(path)
      } else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }
  if (existsSync(dir)) walk(dir)
  return out
}

function expectOneLineError(result: CliResult, pattern: RegExp, exit: number): void {
  expect(result.status).toBe(exit)
  const lines = result.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^Error: /)
  expect(lines[0]).toMatch(pattern)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

type Executed = { run: RunRecord; metrics: RunMetrics }
const execute = (project: string, name: string, dataset: string, ...extra: string[]) =>
  ['experiment', 'execute', '--project', project, '--create-project', '--name', name, '--dataset', dataset, '--estimator', 'knn', '--folds', '3', '--seed', '1', ...extra]

function withBackend(box: Sandbox, uri: string): void {
  writeFileSync(box.config, `[LOCAL BACKEND]\nroot_dir = ${box.root}\n\n[BACKEND]\nuri = ${uri}\n`)
}

describe('experiment execute --backend memory', () => {
  const box = sandbox()
  const csv = join(box.dir, 'points.csv')
  writeFileSync(csv, `x1,x2,label\n${Array.from({ length: 30 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2 ? 'a' : 'b'}`).join('\n')}\n`)
  box.json(['dataset', 'load', '--file', csv, '--target', 'label'])
  const recorded = box.json<Executed>(execute('Stored', 'knn-points', 'points'))

  it('prints the results of a stored dataset, and root_dir is unchanged byte for byte afterwards', () => {
    const before = snapshot(box.root)
    expect(Object.keys(before)).toContain('datasets/points/data.json')
    const table = box.run(execute('Scratch', 'try', 'points', '--backend', 'memory'))
    expect(table.status).toBe(0)
    expect(table.stdout).toMatch(/accuracy\s*│\s*\d\.\d{4}/)
    expect(table.stderr).toMatch(/^Stored nothing \(memory backend\)/m)
    const json = box.json<Executed>(execute('Stored', 'knn-points', 'points', '--backend', 'memory'))
    // same definition, same data: the same numbers as the recorded run, as a new run in the existing experiment
    expect(json.metrics.points).toEqual(recorded.metrics.points)
    expect(json.run.run).not.toBe(recorded.run.run)
    expect(json.run.status).toBe('finished')
    expect(snapshot(box.root)).toEqual(before)
    expect(box.json<Array<{ run: string }>>(['run', 'list', '--project', 'Stored']).map((r) => r.run)).toEqual([recorded.run.run])
    expect(box.json<Array<{ name: string }>>(['project', 'list']).map((p) => p.name)).toEqual(['Stored'])
  })

  it('in a root_dir that does not exist yet, creates nothing', () => {
    const fresh = sandbox()
    const result = fresh.run(execute('P', 'E', 'iris', '--backend', 'memory', '--json'))
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout).run.status).toBe('finished')
    expect(existsSync(fresh.root)).toBe(false)
  })
})

describe('[BACKEND] uri', () => {
  it('file://<path> records the files without git', () => {
    const box = sandbox()
    const files = join(box.dir, 'files-only')
    withBackend(box, `file://${files}`)
    const { run } = box.json<Executed>(execute('P', 'E', 'iris'))
    const runDir = join(files, 'projects', 'P', 'experiments', 'E', 'executions', run.execution, 'runs', run.run)
    expect(JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'))).toMatchObject({ status: 'finished', id: run.id })
    expect(existsSync(join(files, 'projects', 'P', '.git'))).toBe(false)
    expect(existsSync(join(files, 'projects', 'P', 'experiments', 'E', '.git'))).toBe(false)
    expect(existsSync(box.root)).toBe(false)
    expect(box.json<Array<{ run: string }>>(['run', 'list']).map((r) => r.run)).toEqual([run.run])
  })

  it('memory:// alone stores nothing anywhere', () => {
    const box = sandbox()
    withBackend(box, 'memory://')
    expect(box.json<Executed>(execute('P', 'E', 'iris')).run.status).toBe('finished')
    expect(readdirSync(box.dir).sort()).toEqual(['padre.cfg'])
  })

  it('a composite (git, file) records every run in both; the git member commits as always, fsck-clean', () => {
    const box = sandbox()
    const mirror = join(box.dir, 'mirror')
    withBackend(box, `git://, file://${mirror}`)
    const first = box.json<Executed>(execute('P', 'E', 'iris'))
    const second = box.json<Executed>(execute('P', 'E', 'iris', '--param', 'knn.k=3'))
    for (const root of [box.root, mirror]) {
      const runs = join(root, 'projects', 'P', 'experiments', 'E', 'executions', second.run.execution, 'runs')
      expect(readdirSync(runs)).toEqual([second.run.run])
      expect(JSON.parse(readFileSync(join(runs, second.run.run, 'metrics.json'), 'utf8'))).toEqual(second.metrics)
      expect(readdirSync(join(runs, second.run.run, 'computations'))).toHaveLength(3)
    }
    const experiment = join(box.root, 'projects', 'P', 'experiments', 'E')
    expect(git(experiment, 'log', '--format=%s').split('\n').filter((l) => l.startsWith('run '))).toHaveLength(2)
    git(experiment, 'fsck', '--strict', '--no-dangling')
    git(join(box.root, 'projects', 'P'), 'fsck', '--strict', '--no-dangling')
    expect(existsSync(join(mirror, 'projects', 'P', '.git'))).toBe(false)
    expect(existsSync(join(mirror, 'padre.log'))).toBe(false)
    expect(box.json<Array<{ run: string }>>(['run', 'list']).map((r) => r.run).sort()).toEqual([first.run.run, second.run.run].sort())
  })

  it('a composite (file, git): the second member commits in its own root', () => {
    const box = sandbox()
    const history = join(box.dir, 'history')
    withBackend(box, `file://, git://${history}`)
    const { run } = box.json<Executed>(execute('P', 'E', 'iris'))
    const experiment = join(history, 'projects', 'P', 'experiments', 'E')
    expect(git(experiment, 'log', '--format=%s').split('\n').filter((l) => l.startsWith('run '))).toEqual([expect.stringMatching(new RegExp(`^run ${run.run}: finished`))])
    expect(git(experiment, 'status', '--porcelain')).toBe('')
    git(experiment, 'fsck', '--strict', '--no-dangling')
    git(join(history, 'projects', 'P'), 'fsck', '--strict', '--no-dangling')
    expect(existsSync(join(box.root, 'projects', 'P', '.git'))).toBe(false)
    expect(existsSync(join(box.root, 'padre.log'))).toBe(true)
    expect(existsSync(join(history, 'padre.log'))).toBe(false)
  })

  it('a composite whose second member fails: one line naming the member, non-zero exit, the first member unchanged', () => {
    const box = sandbox()
    const mirror = join(box.dir, 'mirror')
    withBackend(box, `git://, file://${mirror}`)
    box.json<Executed>(execute('P', 'E', 'iris'))
    const before = snapshot(join(box.root, 'projects', 'P'))
    mkdirSync(join(mirror, 'projects'), { recursive: true })
    writeFileSync(join(mirror, 'projects', 'Q'), 'a file where the project folder would go\n')
    expectOneLineError(box.run(execute('Q', 'E', 'iris')), new RegExp(`backend 2 \\(file://${mirror}\\) failed to store project Q: .*(ENOTDIR|EEXIST)`), 6)
    expect(snapshot(join(box.root, 'projects', 'P'))).toEqual(before)
    // the first member is written last: it never got Q, so no later command finds (or commits) half of it
    expect(existsSync(join(box.root, 'projects', 'Q'))).toBe(false)
    expect(box.json<Array<{ name: string }>>(['project', 'list']).map((p) => p.name)).toEqual(['P'])
    expect(existsSync(join(box.root, 'projects', 'Q'))).toBe(false)
  })

  it('an unknown scheme is one line naming the accepted ones (config exit code), and nothing is stored', () => {
    const box = sandbox()
    withBackend(box, 'git://, s3://bucket/prefix')
    expectOneLineError(box.run(execute('P', 'E', 'iris')), /unknown backend scheme 's3:\/\/'.*use git:\/\/<path>, file:\/\/<path> or memory:\/\//, 5)
    expectOneLineError(box.run(['project', 'list']), /\[BACKEND\] uri: unknown backend scheme/, 5)
    expect(existsSync(box.root)).toBe(false)
    // the fix the message asks for works while the config is broken
    expect(box.run(['config', 'set', 'uri', 'git://']).status).toBe(0)
    expect(box.json<Executed>(execute('P', 'E', 'iris')).run.status).toBe('finished')
    const other = sandbox()
    expectOneLineError(other.run(execute('P', 'E', 'iris', '--backend', 'nope')), /--backend: 'nope' is not a backend URI/, 5)
    expectOneLineError(other.run(execute('P', 'E', 'iris', '--backend', 'file:///tmp/x,redis://h')), /--backend: unknown backend scheme 'redis:\/\/'/, 5)
    expect(existsSync(other.root)).toBe(false)
  })
})
