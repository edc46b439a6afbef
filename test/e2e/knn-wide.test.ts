import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExecuteResult } from '../../src/core/services/execute.js'
import { recordedComputations } from '../helpers/recorded-computations.js'
import { sandbox } from '../helpers/cli.js'

// Above 10 features knn searches with its WebAssembly kernel (src/core/estimators/knn-wasm.ts): it must
// load and give the same records in the CLI's process and in piscina worker threads.

describe('knn on 14 features (WebAssembly scan) through the built CLI and worker threads', () => {
  const box = sandbox()
  let s = 12345
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
  const header = [...Array.from({ length: 14 }, (_, j) => `f${j}`), 'y'].join(',')
  const rows = Array.from({ length: 300 }, () => {
    const x = Array.from({ length: 14 }, () => Math.round((next() * 4 - 2) * 1000) / 1000)
    return [...x, x.reduce((a, v, j) => a + v * (j % 3), 0).toFixed(4)].join(',')
  })
  writeFileSync(join(box.dir, 'wide.csv'), [header, ...rows].join('\n') + '\n')
  const flags = (name: string, jobs: string) => ['experiment', 'execute', '--create-project', '-p', 'Wide', '--name', name, '--dataset', 'wide',
    '--estimator', 'knn', '--grid', 'knn.k=3,7', '--split', 'cv', '--folds', '3', '--seed', '2', '--jobs', jobs, '--json']

  it('records the same run in one process and on two worker threads', () => {
    const load = box.run(['dataset', 'load', '--file', join(box.dir, 'wide.csv'), '--target', 'y', '--name', 'wide'])
    expect(load.status).toBe(0)
    const serial = box.run(flags('serial', '1'))
    const pooled = box.run(flags('pooled', '2'))
    for (const r of [serial, pooled]) {
      expect(r.status).toBe(0)
      expect(r.stderr).not.toMatch(/wasm|WebAssembly|error/i)
    }
    const [a, b] = [serial, pooled].map((r) => JSON.parse(r.stdout) as ExecuteResult)
    expect(a.metrics.points).toEqual(b.metrics.points)
    const reference = recordedComputations(box.root, a.run)
    expect(new Set(Object.keys(reference).map((f) => f.split('/')[0])).size).toBe(6) // 3 folds × 2 points
    expect(recordedComputations(box.root, b.run)).toEqual(reference)
  })
})
