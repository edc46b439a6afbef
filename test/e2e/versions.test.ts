import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExecutionRecord, RunRecord } from '../../src/core/model/types.js'
import { sandbox } from '../helpers/cli.js'

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } })
const definition = (k: number) => `import { defineExperiment, knn } from 'padre'
export default defineExperiment({ project: 'Versions', name: 'iris-knn', dataset: 'iris', pipeline: [knn({ k: ${k} })], split: { strategy: 'cv', folds: 3 }, seed: 1 })
`

describe('executions by code version, checked with native git', () => {
  const box = sandbox()
  const code = join(box.dir, 'code')
  mkdirSync(code)
  git(code, 'init', '-q', '-b', 'main')
  const file = join(code, 'exp.ts')
  writeFileSync(file, definition(3))
  git(code, 'add', 'exp.ts')
  git(code, 'commit', '-qm', 'k=3')
  const execute = () => box.json<{ run: RunRecord; execution: ExecutionRecord }>(['experiment', 'execute', '--file', file])
  const project = join(box.root, 'projects', 'Versions')
  const experiment = join(project, 'experiments', 'iris-knn')

  const first = execute()
  const same = execute()
  writeFileSync(file, definition(9))
  const dirty = execute()
  git(code, 'commit', '-qam', 'k=9')
  const committed = execute()

  it('the same code maps to the same execution; edited and committed code to new ones', () => {
    const head1 = first.execution.source.kind === 'git' ? first.execution.source.commit : ''
    expect(first.execution.version).toBe(head1.slice(0, 12))
    expect(same.execution.id).toBe(first.execution.id)
    expect(dirty.execution.version).toMatch(new RegExp(`^${head1.slice(0, 12)}-dirty-[0-9a-f]{8}$`))
    expect(dirty.execution.source).toMatchObject({ kind: 'git', dirty: true, path: 'exp.ts' })
    expect(committed.execution.source).toMatchObject({ kind: 'git', dirty: false, commit: git(code, 'rev-parse', 'HEAD').trim() })
    expect(new Set([first, dirty, committed].map((r) => r.execution.id)).size).toBe(3)
    expect(box.json<Array<{ runs: number }>>(['execution', 'list', '-p', 'Versions', '-e', 'iris-knn']).map((x) => x.runs).sort()).toEqual([1, 1, 2])
  })

  it('execution compare shows the source diff', () => {
    const { diff } = box.json<{ diff: string }>(['execution', 'compare', first.execution.id, committed.execution.id])
    expect(diff).toMatch(/^-.*knn\(\{ k: 3 \}\)/m)
    expect(diff).toMatch(/^\+.*knn\(\{ k: 9 \}\)/m)
  })

  it('run get names the commit that recorded the run', () => {
    const { commit } = box.json<{ commit: string }>(['run', 'get', dirty.run.id])
    expect(git(experiment, 'log', '-1', '--format=%s', commit)).toMatch(new RegExp(`^run ${dirty.run.run}: finished, accuracy=`))
  })

  it('native git agrees: submodule at its commit, fsck clean, status clean, one commit per run', () => {
    const head = git(experiment, 'rev-parse', 'HEAD').trim()
    expect(git(project, 'submodule', 'status')).toBe(` ${head} experiments/iris-knn (heads/main)\n`)
    for (const repo of [project, experiment]) {
      expect(git(repo, 'fsck', '--full', '--strict')).toBe('')
      expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('')
    }
    expect(git(experiment, 'log', '--format=%s').trim().split('\n').filter((s) => s.startsWith('run '))).toHaveLength(4)
    const clone = join(box.dir, 'clone')
    // git 2.38+ refuses local submodule clones unless file transport is allowed for this command
    git(box.dir, '-c', 'protocol.file.allow=always', 'clone', '-q', '--recurse-submodules', project, clone)
    const runs = (dir: string) => readdirSync(join(dir, 'experiments', 'iris-knn', 'executions'), { recursive: true }).map(String).sort()
    expect(runs(clone)).toEqual(runs(project))
  })

  it('a file outside any git repository versions by its content', () => {
    const loose = join(box.dir, 'loose.ts')
    writeFileSync(loose, definition(5))
    const result = box.json<{ execution: ExecutionRecord }>(['experiment', 'execute', '--file', loose])
    expect(result.execution.version).toMatch(/^content-[0-9a-f]{12}$/)
    expect(result.execution.source).toMatchObject({ kind: 'file', note: expect.stringMatching(/not .*git/i) })
  })
})
