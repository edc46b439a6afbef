import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/core/model/types.js'
import { sandbox } from '../helpers/cli.js'
import { knnExperiment } from '../helpers/index-freshness.js'

// The stored answers of plain `run list` / `compare_metrics` (src/backends/index/answer-cache.ts) are
// printed untouched only while the runs have not moved: a new run, a pull, a run folder copied in, a
// deleted or corrupted answer all give what oclif's path (which never uses them) prints.
describe('stored answers of the plain read commands', () => {
  const box = sandbox()
  const { exec, first, runsDir, age, pullCancelledFirstRun } = knnExperiment(box, 'Ac')
  const answers = join(box.root, 'index', 'answers')
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
    pullCancelledFirstRun()
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
