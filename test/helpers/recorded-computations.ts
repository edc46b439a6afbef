import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExecuteResult } from '../../src/core/services/execute.js'

/**
 * Every file of a run's computations, by `<computation>/<file>`, without what differs between two runs
 * of the same work: timings, ids, and the cacheKey (it holds the code version, which names the
 * experiment), also as the producer of each artifact. The model.json hashes stay: they must match.
 */
export function recordedComputations(root: string, run: ExecuteResult['run']): Record<string, unknown> {
  const dir = join(root, 'projects', run.project, 'experiments', run.experiment, 'executions', run.execution, 'runs', run.run, 'computations')
  const files: Record<string, unknown> = {}
  for (const c of readdirSync(dir).sort()) {
    for (const f of readdirSync(join(dir, c)).sort()) {
      const json = JSON.parse(readFileSync(join(dir, c, f), 'utf8'))
      if (f === 'computation.json') {
        delete json.timings; delete json.id; delete json.run; delete json.cacheKey
        for (const artifact of json.artifacts ?? []) delete artifact.producer
      }
      files[`${c}/${f}`] = json
    }
  }
  return files
}
