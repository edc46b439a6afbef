import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/core/model/types.js'
import { sandbox } from '../helpers/cli.js'

describe('commands', () => {
  const box = sandbox()
  const run = (name: string, k: number) => box.json<{ run: RunRecord }>(['experiment', 'execute', '-p', 'Cmp', '--create-project', '--name', name, '--dataset', 'iris', '--estimator', 'knn', '--param', `knn.k=${k}`]).run
  const runA = run('knn-a', 1)
  const runB = run('knn-b', 15)

  it('project list and get', () => {
    expect(box.json<Array<{ name: string; experiments: string[] }>>(['project', 'list'])).toEqual([expect.objectContaining({ name: 'Cmp', experiments: ['knn-a', 'knn-b'] })])
    expect(box.json<{ experiments: unknown[] }>(['project', 'get', 'Cmp']).experiments).toHaveLength(2)
    expect(box.run(['project', 'list']).stdout).toMatch(/Cmp/)
  })

  it('experiment list, get and compare', () => {
    expect(box.json<Array<{ id: string }>>(['experiment', 'list', '--project', 'Cmp']).map((e) => e.id)).toEqual(['Cmp:knn-a', 'Cmp:knn-b'])
    expect(box.json<{ executions: unknown[] }>(['experiment', 'get', 'knn-a', '--project', 'Cmp']).executions).toHaveLength(1)
    const diff = box.json<{ parameters: Array<{ field: string; a: string; b: string }> }>(['experiment', 'compare', 'Cmp:knn-a', 'Cmp:knn-b'])
    expect(diff.parameters).toEqual([{ field: 'knn.k', a: '1', b: '15' }])
  })

  it('execution list and get', () => {
    const executions = box.json<Array<{ id: string; runs: number }>>(['execution', 'list', '-p', 'Cmp', '-e', 'knn-a'])
    expect(executions).toHaveLength(1)
    expect(box.json<{ id: string; source: { kind: string } }>(['execution', 'get', executions[0].id]).source.kind).toBe('spec')
  })

  it('run list (scoped, filtered) and run get by full id or by name', () => {
    expect(box.json<RunRecord[]>(['run', 'list']).map((r) => r.id)).toEqual([runB.id, runA.id])
    expect(box.json<RunRecord[]>(['run', 'list', '-p', 'Cmp', '-e', 'knn-a']).map((r) => r.id)).toEqual([runA.id])
    expect(box.json<RunRecord[]>(['run', 'list', '--status', 'failed'])).toEqual([])
    expect(box.json<{ run: RunRecord }>(['run', 'get', runA.id]).run.id).toBe(runA.id)
    expect(box.json<{ run: RunRecord }>(['run', 'get', runA.run]).run.id).toBe(runA.id)
  })

  it('computation list and get', () => {
    const computations = box.json<Array<{ id: string }>>(['computation', 'list', runA.id])
    expect(computations).toHaveLength(5)
    const one = box.json<{ results: { rows: unknown[] }; metrics: { values: { accuracy: number } } }>(['computation', 'get', computations[0].id])
    expect(one.results.rows).toHaveLength(30)
    expect(box.run(['computation', 'get', computations[0].id]).stdout).toMatch(/confusion matrix/)
  })

  it('metric compare_metrics puts runs side by side, sorted by the chosen metric', () => {
    const rows = box.json<{ rows: Array<{ run: string; parameters: Record<string, unknown>; mean: Record<string, number> }> }>(['metric', 'compare_metrics', '-p', 'Cmp', '--sort', 'f1_macro']).rows
    expect(rows).toHaveLength(2)
    expect(rows[0].mean.f1_macro).toBeGreaterThanOrEqual(rows[1].mean.f1_macro)
    const ascending = box.json<{ rows: Array<{ mean: Record<string, number> }> }>(['metric', 'compare_metrics', '--sort', 'f1_macro', '--ascending']).rows
    expect(ascending[0].mean.f1_macro).toBeLessThanOrEqual(ascending[1].mean.f1_macro)
    expect(box.run(['metric', 'compare_metrics', '--sort', 'nope']).stderr).toMatch(/Cannot sort by 'nope'/)
    expect(box.run(['metric', 'compare_metrics', '-p', 'Cmp']).stdout).toMatch(/knn\.k/)
  })

  it('dataset load stores once by content hash; list and get', () => {
    const file = join(box.dir, 'tiny.csv')
    writeFileSync(file, 'x1,x2,label\n1,2,a\n2,3,b\n3,4,a\n4,5,b\n')
    const loaded = box.json<{ name: string; stored: boolean; hash: string; classes: string[] }>(['dataset', 'load', '--file', file, '--target', 'label'])
    expect(loaded).toMatchObject({ name: 'tiny', stored: true, classes: ['a', 'b'] })
    expect(box.json<{ stored: boolean }>(['dataset', 'load', '--file', file, '--target', 'label']).stored).toBe(false)
    writeFileSync(file, 'x1,x2,label\n1,2,a\n2,3,b\n3,4,a\n4,5,a\n')
    expect(box.run(['dataset', 'load', '--file', file, '--target', 'label']).stderr).toMatch(/already exists with other content/)
    expect(box.json<Array<{ name: string }>>(['dataset', 'list']).map((d) => d.name)).toEqual(['iris', 'diabetes', 'tiny'])
    expect(box.json<{ hash: string }>(['dataset', 'get', 'tiny']).hash).toBe(loaded.hash)
    expect(box.json<{ rows: number; classes: string[] }>(['dataset', 'get', 'iris'])).toMatchObject({ rows: 150, classes: ['setosa', 'versicolor', 'virginica'] })
  })

  it('config get, set and list; set keeps comments and other keys', () => {
    writeFileSync(box.config, `# mine\n[LOCAL BACKEND]\nroot_dir = ${box.root}\n`)
    expect(box.json<{ value: string; default: boolean }>(['config', 'get', 'offline'])).toMatchObject({ value: 'false', default: true })
    box.json(['config', 'set', 'email', 'me@example.com', '--section', 'GIT'])
    expect(box.json<{ value: string }>(['config', 'get', 'email']).value).toBe('me@example.com')
    const text = readFileSync(box.config, 'utf8')
    expect(text).toMatch(/^# mine\n/)
    expect(text).toContain(`root_dir = ${box.root}`)
    expect(box.run(['config', 'set', 'offline', 'maybe']).stderr).toMatch(/must be true or false/)
    expect(readFileSync(box.config, 'utf8')).toBe(text)
    const all = box.json<Array<{ key: string }>>(['config', 'list'])
    expect(all.map((k) => k.key)).toEqual(['root_dir', 'offline', 'auto_create', 'allow_artifact_pull_offline', 'uri', 'name', 'email', 'auto_pack_loose'])
    expect(box.json<Array<{ key: string }>>(['config', 'list', '--section', 'GIT']).map((k) => k.key)).toEqual(['name', 'email', 'auto_pack_loose'])
  })

  it.each([
    'project create', 'project list', 'project get', 'experiment initialize', 'experiment execute', 'experiment list', 'experiment get', 'experiment compare',
    'execution list', 'execution get', 'execution compare', 'run list', 'run get', 'computation list', 'computation get',
    'dataset load', 'dataset list', 'dataset get', 'metric compare_metrics', 'config get', 'config set', 'config list',
    'project delete', 'project restore', 'experiment delete', 'experiment restore', 'dataset delete', 'dataset restore',
  ])('%s --help shows examples and --json', (command) => {
    const help = box.run([...command.split(' '), '--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/EXAMPLES/)
    expect(help.stdout).toMatch(/--json/)
  })
})
