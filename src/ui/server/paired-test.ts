import type { RunRecord } from '../../core/model/types.js'

export interface PairedTest {
  a: string
  b: string
  metric: string
  /** Set when the test could not run (splits differ, too few splits, identical values). */
  reason?: string
  n?: number
  meanDifference?: number
  t?: number
  p?: number
}

export interface TestInput {
  key: string
  run: Pick<RunRecord, 'dataset' | 'split' | 'seed'> & { datasetHash: string }
  values: Map<number, number>
}

/**
 * Paired two-sided t-test of a metric over the splits two runs share (same dataset content, split
 * spec and seed, so the same rows in every split). One function, so the analysis module's tests
 * (issue 9) can replace it after merging.
 */
export async function pairedTest(a: TestInput, b: TestInput, metric: string): Promise<PairedTest> {
  const base = { a: a.key, b: b.key, metric }
  const same = a.run.datasetHash === b.run.datasetHash && a.run.seed === b.run.seed && JSON.stringify(a.run.split) === JSON.stringify(b.run.split)
  if (!same) return { ...base, reason: 'the runs were not evaluated on the same splits (dataset, split or seed differ)' }
  const diffs = [...a.values].filter(([split]) => b.values.has(split)).map(([split, v]) => v - b.values.get(split)!)
  const n = diffs.length
  if (n < 2) return { ...base, n, reason: 'fewer than two shared splits' }
  const mean = diffs.reduce((s, d) => s + d, 0) / n
  const variance = diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1)
  if (variance === 0) return { ...base, n, meanDifference: mean, reason: 'the differences are identical on every split' }
  const t = mean / Math.sqrt(variance / n)
  const { default: cdf } = await import('@stdlib/stats-base-dists-t-cdf')
  return { ...base, n, meanDifference: mean, t, p: 2 * cdf(-Math.abs(t), n - 1) }
}
