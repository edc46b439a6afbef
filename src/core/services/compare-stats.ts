import { METRIC_HIGHER_IS_BETTER } from '../metrics/main.js'
import type { RunRecord } from '../model/types.js'
import { summarize, type Summary } from '../stats/describe.js'
import { correctedResampledTTest } from '../stats/paired.js'
import type { App } from './app.js'
import type { CompareRow } from './compare-metrics.js'
import { checkSameSplits } from './metric-test.js'
import { getRun } from './runs.js'
import { splitValues, type SplitValues } from './split-values.js'

export interface RowStats {
  /** metric → mean, sample std and the Student-t 95% interval over the splits */
  summaries: Record<string, Summary>
  /** metric → 'best', or 'tie' (not significantly worse than the best: corrected resampled t-test p ≥ alpha on the same splits), or absent */
  marks: Record<string, 'best' | 'tie'>
  /** metric → p-value against the best row, when it could be computed */
  pVsBest: Record<string, number>
}

/** Per-split statistics for compare_metrics --stats and the LaTeX export's marks. */
export async function compareStats(app: App, rows: CompareRow[], metrics: string[], alpha = 0.05): Promise<RowStats[]> {
  const runs = new Map<string, RunRecord>()
  for (const id of new Set(rows.map((r) => r.run))) runs.set(id, (await getRun(app, id)).run)
  const splits: SplitValues[] = await Promise.all(rows.map((r) => splitValues(app, runs.get(r.run)!, r.point)))
  const stats: RowStats[] = await Promise.all(splits.map(async (s) => ({
    summaries: Object.fromEntries(await Promise.all(metrics.filter((m) => s.values[m]?.length).map(async (m) => [m, await summarize(s.values[m])] as const))),
    marks: {}, pVsBest: {},
  })))
  for (const m of metrics) {
    const higher = METRIC_HIGHER_IS_BETTER[m] !== false
    const candidates = rows.map((r, i) => ({ i, v: r.mean[m] })).filter((c) => c.v !== undefined && !Number.isNaN(c.v))
    if (candidates.length === 0) continue
    const best = candidates.reduce((a, b) => ((higher ? b.v > a.v : b.v < a.v) ? b : a))
    stats[best.i].marks[m] = 'best'
    for (const { i } of candidates) {
      if (i === best.i || rows[i].mean[m] === rows[best.i].mean[m]) { stats[i].marks[m] = 'best'; continue }
      const [x, y] = [splits[best.i].values[m], splits[i].values[m]]
      if (!x || !y || x.length < 2 || x.length !== y.length || !sameSplits(runs.get(rows[best.i].run)!, runs.get(rows[i].run)!)) continue
      const nTest = splits[best.i].computations.reduce((s, c) => s + c.testSize, 0) / x.length
      const nTrain = splits[best.i].computations.reduce((s, c) => s + c.trainSize, 0) / x.length
      const p = (await correctedResampledTTest(x, y, nTest, nTrain)).pValue
      if (!Number.isNaN(p)) {
        stats[i].pVsBest[m] = p
        if (p >= alpha) stats[i].marks[m] = 'tie'
      }
    }
  }
  return stats
}

function sameSplits(a: RunRecord, b: RunRecord): boolean {
  try {
    checkSameSplits(a, b)
    return true
  } catch {
    return false
  }
}
