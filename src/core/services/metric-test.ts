import { InvalidInputError } from '../errors.js'
import type { RunRecord } from '../model/types.js'
import { correctedResampledTTest, pairedEffectSize, wilcoxonSignedRank } from '../stats/paired.js'
import { mean } from '../stats/describe.js'
import type { App } from './app.js'
import { getRun } from './runs.js'
import type { Scope } from './scope.js'
import { splitValues } from './split-values.js'

export interface MetricTestRow {
  metric: string
  meanA: number
  meanB: number
  difference: number
  /** Nadeau & Bengio's corrected resampled t-test */
  t: number
  df: number
  pT: number
  /** Wilcoxon signed-rank */
  w: number
  pW: number
  wilcoxonMethod: string
  /** Cohen's d_z on the per-split differences */
  effectSize: number
}

export interface MetricTestResult {
  a: string
  b: string
  point: { a: number; b: number }
  splits: number
  nTest: number
  nTrain: number
  rows: MetricTestRow[]
}

/** Paired tests between two runs computed on the same splits. */
export async function testRuns(app: App, refA: string, refB: string, options: Scope & { metrics?: string[]; pointA?: number; pointB?: number } = {}): Promise<MetricTestResult> {
  const [a, b] = [(await getRun(app, refA, options)).run, (await getRun(app, refB, options)).run]
  checkSameSplits(a, b)
  const [pa, pb] = [options.pointA ?? 0, options.pointB ?? 0]
  const [sa, sb] = await Promise.all([splitValues(app, a, pa), splitValues(app, b, pb)])
  const n = sa.computations.length
  if (n < 2 || sb.computations.length < 2) throw new InvalidInputError(`A paired test needs at least 2 splits per run; ${n < 2 ? a.id : b.id} has ${Math.min(n, sb.computations.length)}. Use cross-validation (--split cv --folds 5) or repeats.`)
  if (n !== sb.computations.length) throw new InvalidInputError(`The runs have ${n} and ${sb.computations.length} finished splits: a paired test needs the same splits; rerun the incomplete one.`)
  const nTest = mean(sa.computations.map((c) => c.testSize))
  const nTrain = mean(sa.computations.map((c) => c.trainSize))
  const common = Object.keys(sa.values).filter((m) => m in sb.values)
  const wanted = options.metrics?.length ? options.metrics : common
  for (const m of wanted) if (!common.includes(m)) throw new InvalidInputError(`Metric '${m}' is not in both runs: they share ${common.join(', ')}.`)
  const rows = await Promise.all(wanted.map(async (metric): Promise<MetricTestRow> => {
    const [x, y] = [sa.values[metric], sb.values[metric]]
    const t = await correctedResampledTTest(x, y, nTest, nTrain)
    const w = await wilcoxonSignedRank(x, y)
    return { metric, meanA: mean(x), meanB: mean(y), difference: t.meanDifference, t: t.statistic, df: t.df, pT: t.pValue, w: w.statistic, pW: w.pValue, wilcoxonMethod: w.method, effectSize: pairedEffectSize(x, y) }
  }))
  return { a: a.id, b: b.id, point: { a: pa, b: pb }, splits: n, nTest, nTrain, rows }
}

/** Same dataset, same split strategy and settings, same seed: otherwise the splits differ and pairing is meaningless. */
export function checkSameSplits(a: RunRecord, b: RunRecord): void {
  if (a.dataset !== b.dataset) throw new InvalidInputError(`The runs are on different datasets (${a.dataset} vs ${b.dataset}): a paired test needs the same splits of the same data.`)
  if (a.environment?.datasetHash && b.environment?.datasetHash && a.environment.datasetHash !== b.environment.datasetHash) {
    throw new InvalidInputError(`The runs used different versions of dataset ${a.dataset} (content hashes differ): a paired test needs the same data.`)
  }
  if (a.seed !== b.seed) throw new InvalidInputError(`The runs have different seeds (${a.seed} vs ${b.seed}), so their splits differ: rerun one with --seed ${a.seed}.`)
  if (JSON.stringify(a.split) !== JSON.stringify(b.split)) throw new InvalidInputError(`The runs have different split settings (${JSON.stringify(a.split)} vs ${JSON.stringify(b.split)}): a paired test needs the same splits.`)
}
