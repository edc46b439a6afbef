import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ComputationRecord, RunRecord } from '../../src/core/model/types.js'
import { sandbox, type CliResult } from '../helpers/cli.js'

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T

function expectOneLineError(result: CliResult, pattern: RegExp, exit: number): void {
  const lines = result.stderr.trim().split('\n')
  expect(result.status).toBe(exit)
  expect(lines.filter((l) => l.startsWith('Error: '))).toEqual([lines[lines.length - 1]])
  expect(lines[lines.length - 1]).toMatch(pattern)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

// An external command (node, so the test needs no Python): passes the rows through, and leaves a file in artifacts/.
const PASS = `import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
const dir = process.env.PADRE_JOB_DIR
const job = JSON.parse(readFileSync(dir + '/job.json', 'utf8'))
writeFileSync(dir + '/transformed.csv', readFileSync(dir + '/test.csv'))
mkdirSync(dir + '/artifacts/deep', { recursive: true })
writeFileSync(dir + '/artifacts/report.txt', 'rows=' + job.testRows)
writeFileSync(dir + '/artifacts/deep/seed.txt', String(job.seed))
`

const definition = (savePath: string) => `import { command, defineComponent, defineExperiment } from 'padre'

const pass = command({ name: 'pass', kind: 'transformer', run: [${JSON.stringify(process.execPath)}, 'pass.mjs'] })

// Predicts the most frequent training class; keeps two files with ctx.saveArtifact.
const majority = defineComponent({
  name: 'majority', kind: 'estimator', tasks: ['classification'], params: {},
  create: () => {
    let best = 0
    return {
      fit(X, y, ctx) {
        const counts = new Array(ctx.nClasses).fill(0)
        for (const v of y) counts[v]++
        best = counts.indexOf(Math.max(...counts))
        ctx.saveArtifact(${JSON.stringify(savePath)}, JSON.stringify({ rows: X.rows, counts }))
        ctx.saveArtifact('raw.bin', new Uint8Array([0, 1, 2, 255]))
      },
      predict: (X) => new Array(X.rows).fill(best),
    }
  },
})

export default defineExperiment({
  project: 'Files', name: 'majority', dataset: 'iris',
  pipeline: [pass(), majority()],
  split: { strategy: 'cv', folds: 3 },
  seed: 5,
})
`

describe('artifacts of user code: files a command writes in artifacts/ and files saved with ctx.saveArtifact', () => {
  const box = sandbox()
  writeFileSync(join(box.dir, 'pass.mjs'), PASS)
  writeFileSync(join(box.dir, 'exp.ts'), definition('fit/summary.json'))
  const result = box.run(['experiment', 'execute', '--file', 'exp.ts', '--json'])
  const stored = (sha: string) => readFileSync(join(box.root, 'artifacts', 'sha256', sha.slice(0, 2), sha.slice(2)))

  it("keeps both components' files by content hash, named <component>/<path>, and notes why there is no model.json", () => {
    expect(result.status).toBe(0)
    const { run } = JSON.parse(result.stdout) as { run: RunRecord }
    const dir = join(box.root, 'projects', 'Files', 'experiments', 'majority', 'executions', run.execution, 'runs', run.run, 'computations')
    for (const split of [0, 1, 2]) {
      const record = readJson<ComputationRecord>(join(dir, `split-${split}-point-0`, 'computation.json'))
      expect(record.modelNote).toBe("no model.json: component 'pass' cannot save its fitted state")
      expect(record.artifacts!.map((a) => a.path)).toEqual(['pass/deep/seed.txt', 'pass/report.txt', 'majority/fit/summary.json', 'majority/raw.bin'])
      const content = Object.fromEntries(record.artifacts!.map((a) => {
        const bytes = stored(a.sha256)
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(a.sha256)
        expect(a).toMatchObject({ size: bytes.length, producer: record.cacheKey })
        return [a.path, bytes]
      }))
      // The transformer ran on the training rows, then the test rows: the last job's file is kept.
      expect(content['pass/report.txt'].toString()).toBe(`rows=${record.testSize}`)
      expect(JSON.parse(content['majority/fit/summary.json'].toString())).toMatchObject({ rows: record.trainSize })
      expect([...content['majority/raw.bin']]).toEqual([0, 1, 2, 255])
    }
    expectOneLineError(box.run(['model', 'register', `${run.id}:split-0-point-0`, '--name', 'm']), /kept no model\.json \(no model\.json: component 'pass' cannot save/, 2)
  })

  it('a path that climbs out is the component failing, naming the problem', () => {
    writeFileSync(join(box.dir, 'bad.ts'), definition('../escape.txt').replace("name: 'majority', dataset", "name: 'bad', dataset"))
    expectOneLineError(box.run(['experiment', 'execute', '--file', 'bad.ts']), /Component 'majority' failed in fit: saveArtifact: '\.\.\/escape\.txt' is not a relative file path/, 7)
  })
})
