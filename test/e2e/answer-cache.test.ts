import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/core/model/types.js'
import { sandbox } from '../helpers/cli.js'

// The stored answers of plain `run list` / `compare_metrics` (src/backends/index/answer-cache.ts) are
// printed untouched only while the runs have not moved: a new run, a pull, a run folder copied in, a
// deleted or corrupted answer all give what oclif's path (which never uses them) prints.
describe('stored answers of the plain read commands', () => {
  const box = sandbox()
  const exec = (seed: string) => box.json<{ run: RunRecord }>(['experiment', 'execute', '--create-project', '-p', 'Ac', '--name', 'knn', '--dataset', 'iris', '--estimator', 'knn', '--seed', seed]).run
  const first = exec('1')
  const expDir = join(box.root, 'projects', 'Ac', 'experiments', 'knn')
  const runsDir = join(expDir, 'executions', first.execution, 'runs')
  const answers = join(box.root, 'index', 'answers')
  const git = (dir: string, args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' })
  // a runs folder changed within the last second is not trusted: date it back, as time would
  let back = 0
  const age = () => {
    const t = new Date(Date.now() - 60_000 - ++back * 1000)
    for (const v of readdirSync(join(expDir, 'executions'))) if (existsSync(join(expDir, 'executions', v, 'runs'))) utimesSync(join(expDir, 'executions', v, 'runs'), t, t)
  }
  const lines: string[][] = [['run', 'list', '--json'], ['run', 'list'], ['metric', 'compare_metrics'], ['metric', 'compare_metrics', '--json']]
  const out = (args: string[], env: Record<string, string> = {}) => {
    const r = box.run(args, { env })
    expect(r.status).toBe(0)
    return r.stdout + r.stderr
  }
  /** Every line twice (made, then maybe stored and printed again), each equal to oclif's path. */
  const allFresh = () => {
    for (const args of lines) {
      const truth = out(args, { PADRE_NO_FAST_PATH: '1' })
      expect(out(args)).toBe(truth)
      expect(out(args)).toBe(truth)
    }
  }
  const answerFiles = () => (existsSync(answers) ? readdirSync(answers).filter((f) => f.endsWith('.answer')) : [])

  it('stores answers and prints them again untouched', () => {
    age()
    allFresh()
    expect(answerFiles()).toHaveLength(lines.length)
    // proof that the stored bytes are what is printed: change one byte of each
    for (const f of answerFiles()) {
      const data = readFileSync(join(answers, f))
      const at = data.indexOf(first.run.slice(0, 4), data.indexOf(10))
      data[at] = 'X'.charCodeAt(0)
      writeFileSync(join(answers, f), data)
    }
    expect(out(['run', 'list', '--json'])).toContain(`X${first.run.slice(1, 4)}`)
  })

  it('are never printed after a new run', () => {
    const second = exec('2')
    age()
    expect(out(['run', 'list', '--json'])).toContain(second.id)
    allFresh()
  })

  it('are never printed after a git pull', () => {
    const clone = join(box.dir, 'clone')
    git(box.dir, ['clone', '-q', expDir, clone])
    const file = join(clone, 'executions', first.execution, 'runs', first.run, 'run.json')
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), status: 'cancelled' }, null, 2))
    git(clone, ['commit', '-qam', 'edited elsewhere'])
    git(expDir, ['pull', '-q', '--no-rebase', clone, 'HEAD'])
    age()
    expect(out(['run', 'list'])).toContain('cancelled')
    allFresh()
  })

  it('are never printed after a run folder is copied in or removed', () => {
    const copy = join(runsDir, 'zz-copied')
    cpSync(join(runsDir, first.run), copy, { recursive: true })
    const record = JSON.parse(readFileSync(join(copy, 'run.json'), 'utf8')) as RunRecord
    writeFileSync(join(copy, 'run.json'), JSON.stringify({ ...record, run: 'zz-copied', id: `${record.project}:${record.experiment}:${record.execution}:zz-copied`, startedAt: '2099-01-01T00:00:00.000Z' }))
    age()
    expect(out(['run', 'list'])).toContain('zz-copied')
    allFresh()
    rmSync(copy, { recursive: true })
    age()
    expect(out(['run', 'list'])).not.toContain('zz-copied')
    allFresh()
  })

  it('are made again when deleted or corrupted', () => {
    rmSync(answers, { recursive: true })
    allFresh()
    expect(answerFiles()).toHaveLength(lines.length)
    for (const [i, f] of answerFiles().entries()) {
      const file = join(answers, f)
      // cut short, garbage, an empty file, a header that lies about the lengths
      const data = readFileSync(file)
      writeFileSync(file, [data.subarray(0, data.length - 3), Buffer.from('not an answer'), Buffer.alloc(0), Buffer.from(`${data.toString('utf8').replace(/"chunks":\[\[1,\d+/, '"chunks":[[1,1')}`)][i % 4])
    }
    allFresh()
  })
})
