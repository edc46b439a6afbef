import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileStorage } from '../../src/backends/file/file-storage.js'
import { storageContract } from './contract.js'

storageContract('file', {
  open: async () => {
    const root = mkdtempSync(join(tmpdir(), 'padre-storage-file-'))
    return { storage: new FileStorage(root), close: () => rmSync(root, { recursive: true, force: true }) }
  },
})

describe('file storage layout', () => {
  it('writes today\'s paths as pretty JSON', async () => {
    const root = mkdtempSync(join(tmpdir(), 'padre-storage-file-'))
    try {
      const storage = new FileStorage(root)
      await storage.put({ kind: 'results', project: 'P', experiment: 'E', execution: 'v1', run: 'r1', computation: 'c1' }, { rows: [1] } as never)
      await storage.put({ kind: 'datasetData', dataset: 'd' }, { X: [[1]], y: [2] })
      expect(readFileSync(join(root, 'projects/P/experiments/E/executions/v1/runs/r1/computations/c1/results.json'), 'utf8')).toBe('{\n  "rows": [\n    1\n  ]\n}\n')
      expect(JSON.parse(readFileSync(join(root, 'datasets/d/data.json'), 'utf8'))).toEqual({ X: [[1]], y: [2] })
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
