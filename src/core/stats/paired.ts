import { InvalidInputError } from '../errors.js'
import { mean, sampleStd } from './describe.js'
import { stdlibWilcoxon, tCdf } from './dists.js'

export interface TTestResult {
  statistic: number
  df: number
  pValue: number
  meanDifference: number
}

/**
 * Nadeau & Bengio's corrected resampled t-test (2003) on per-split differences d = a - b:
 * t = mean(d) / sqrt((1/n + nTest/nTrain) · var(d)), two-sided p from Student's t with n - 1 df.
 * The correction widens the variance for the overlap between training sets of resampled splits.
 */
export async function correctedResampledTTest(a: number[], b: number[], nTest: number, nTrain: number): Promise<TTestResult> {
  const d = differences(a, b)
  const n = d.length
  const v = sampleStd(d) ** 2
  const md = mean(d)
  const statistic = md / Math.sqrt((1 / n + nTest / nTrain) * v)
  const df = n - 1
  const pValue = Number.isNaN(statistic) ? Number.NaN : 2 * (1 - (await tCdf(Math.abs(statistic), df)))
  return { statistic, df, pValue, meanDifference: md }
}

export interface WilcoxonResult {
  /** min(W+, W-), as scipy.stats.wilcoxon reports for a two-sided test. */
  statistic: number
  pValue: number
  /** exact when n ≤ 50 with no zero or tied differences; otherwise the normal approximation (tie-corrected, no continuity correction). */
  method: 'exact' | 'approx'
}

/** Wilcoxon signed-rank test on d = a - b; zero differences dropped ('wilcox'), as SciPy's default. */
export async function wilcoxonSignedRank(a: number[], b: number[]): Promise<WilcoxonResult> {
  const d = differences(a, b)
  const nonzero = d.filter((x) => x !== 0)
  if (nonzero.length === 0) return { statistic: 0, pValue: Number.NaN, method: 'exact' }
  const ties = new Set(nonzero.map(Math.abs)).size < nonzero.length
  const method = nonzero.length <= 50 && nonzero.length === d.length && !ties ? 'exact' : 'approx'
  const out = await stdlibWilcoxon(d, { correction: false, zeroMethod: 'wilcox' })
  const ranks = averageRanks(nonzero.map(Math.abs))
  const wPlus = nonzero.reduce((s, x, i) => s + (x > 0 ? ranks[i] : 0), 0)
  const wMinus = nonzero.reduce((s, x, i) => s + (x < 0 ? ranks[i] : 0), 0)
  return { statistic: Math.min(wPlus, wMinus), pValue: Math.min(1, out.pValue), method }
}

/** Paired effect size: Cohen's d_z = mean(d) / sd(d). */
export function pairedEffectSize(a: number[], b: number[]): number {
  const d = differences(a, b)
  return mean(d) / sampleStd(d)
}

function differences(a: number[], b: number[]): number[] {
  if (a.length !== b.length) throw new InvalidInputError(`The runs have ${a.length} and ${b.length} splits: a paired test needs the same splits.`)
  // rounded to 12 decimals so that float noise (0.9333… - 0.9) does not break ties between equal differences
  return a.map((x, i) => Math.round((x - b[i]) * 1e12) / 1e12)
}

/** Ranks 1..n, ties sharing their average rank (scipy.stats.rankdata 'average'). */
export function averageRanks(xs: number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0])
  const ranks = new Array<number>(xs.length)
  for (let i = 0; i < order.length;) {
    let j = i
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++
    for (let k = i; k <= j; k++) ranks[order[k][1]] = (i + j) / 2 + 1
    i = j + 1
  }
  return ranks
}
