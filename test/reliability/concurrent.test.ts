import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { paths } from '../../src/core/model/paths.js'
import { sandbox, type Sandbox } from '../helpers/cli.js'
import { allRepos, git, repoProblems, report, runAsync } from './repo-checks.js'

/** Eight padre processes at once, on one experiment and on eight experiments of one project. */
const N = 8
const ROUNDS = Number(process.env.PADRE_CONCURRENT_ROUNDS ?? 3)

function count(dir: string, ...args: string[]): number {
  return Number(git(dir, 'rev-list', '--count', ...args).out.trim())
}

async function executeAll(box: Sandbox, experimentOf: (i: number) => string): Promise<void> {
  const results = await Promise.all(Array.from({ length: N }, (_, i) => runAsync(box, [
    'experiment', 'execute', '--create-project', '--project', 'C', '--name', experimentOf(i), '--dataset', 'iris', '--estimator', 'gaussianNB', '--seed', String(i + 1),
  ]).done))
  const runs = box.json<Array<{ status: string }>>(['run', 'list', '--project', 'C'])
  const runCommits = allRepos(box.root).slice(1).reduce((n, dir) => n + git(dir, 'log', '--format=%s').out.split('\n').filter((s) => s.startsWith('run ')).length, 0)
  report({ concurrent: {
    processes: N, failed: results.filter((r) => r.status !== 0).length, runsRecorded: runs.filter((r) => r.status === 'finished').length, runCommits,
    lost: N - Math.min(N, runCommits), dirty: allRepos(box.root).flatMap(repoProblems).length,
  } })
  for (const r of results) expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/Error/) })
}

describe.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('round %i', () => {
  let box: Sandbox
  beforeEach(() => { box = sandbox() })
  afterEach(() => rmSync(box.dir, { recursive: true, force: true }))

  test(`${N} processes on the same new experiment: ${N} runs, ${N} run commits, ${N} gitlink moves, all clean`, async () => {
    await executeAll(box, () => 'shared')
    const project = paths.project(box.root, 'C')
    const exp = paths.experiment(box.root, 'C', 'shared')
    const runs = box.json<unknown[]>(['run', 'list', '--project', 'C'])
    expect(runs).toHaveLength(N)
    const subjects = git(exp, 'log', '--format=%s').out.trim().split('\n')
    expect(subjects.filter((s) => s.startsWith('run '))).toHaveLength(N)
    expect(subjects.filter((s) => s.startsWith('Create experiment'))).toHaveLength(1)
    expect(git(project, 'log', '--format=%s').out.split('\n').filter((s) => s.startsWith('Create project'))).toHaveLength(1)
    // Every run commit of the experiment is the target of exactly one gitlink move in the project.
    expect(git(project, 'log', '--format=%s').out.split('\n').filter((s) => s.startsWith('experiment shared: run '))).toHaveLength(N)
    const linked = new Set(git(project, 'log', '--format=%H', '--', 'experiments/shared').out.trim().split('\n')
      .map((c) => git(project, 'rev-parse', `${c}:experiments/shared`).out.trim()))
    for (const c of git(exp, 'log', '--format=%H', '--grep=^run ').out.trim().split('\n')) expect(linked).toContain(c)
    expect(count(exp, 'HEAD')).toBe(N + 1)
    for (const dir of allRepos(box.root)) expect(repoProblems(dir)).toEqual([])
  })

  test(`${N} processes on ${N} new experiments of one project: each recorded and linked once, all clean`, async () => {
    await executeAll(box, (i) => `e${i}`)
    const project = paths.project(box.root, 'C')
    expect(box.json<unknown[]>(['run', 'list', '--project', 'C'])).toHaveLength(N)
    for (let i = 0; i < N; i++) {
      const exp = paths.experiment(box.root, 'C', `e${i}`)
      expect(count(exp, 'HEAD')).toBe(2)
      expect(git(project, 'log', '--format=%s').out.split('\n').filter((s) => s.startsWith(`experiment e${i}: run `))).toHaveLength(1)
      expect(git(project, 'rev-parse', `HEAD:experiments/e${i}`).out.trim()).toBe(git(exp, 'rev-parse', 'HEAD').out.trim())
    }
    expect(git(project, 'log', '--format=%s').out.split('\n').filter((s) => s.startsWith('Create project'))).toHaveLength(1)
    for (const dir of allRepos(box.root)) expect(repoProblems(dir)).toEqual([])
  })
})

describe('dataset loads at once', () => {
  let box: Sandbox
  beforeEach(() => { box = sandbox() })
  afterEach(() => rmSync(box.dir, { recursive: true, force: true }))

  test('6 loads of one name, two contents: one content stored whole, its loads succeed, the other refused in one line', async () => {
    const csv = (rows: number, shift: number) => ['a,b,y', ...Array.from({ length: rows }, (_, i) => `${i + shift},${(i * 7) % 5},${i % 2 ? 'x' : 'z'}`)].join('\n') + '\n'
    writeFileSync(join(box.dir, 'A.csv'), csv(30, 0))
    writeFileSync(join(box.dir, 'B.csv'), csv(40, 100))
    const files = ['A.csv', 'B.csv', 'A.csv', 'B.csv', 'A.csv', 'B.csv']
    const results = await Promise.all(files.map((f) => runAsync(box, ['dataset', 'load', '--file', join(box.dir, f), '--target', 'y', '--name', 'd']).done))
    const record = JSON.parse(readFileSync(join(box.root, 'datasets', 'd', 'dataset.json'), 'utf8'))
    const data = JSON.parse(readFileSync(join(box.root, 'datasets', 'd', 'data.json'), 'utf8'))
    expect(data.X).toHaveLength(record.rows)
    const winner = record.rows === 30 ? 'A.csv' : 'B.csv'
    files.forEach((f, i) => {
      if (f === winner) expect(results[i].status).toBe(0)
      else {
        expect(results[i].status).toBe(4)
        expect(results[i].stderr).toMatch(/^Error: Dataset 'd' [^\n]*--name\.\n$/)
      }
    })
  })
})
