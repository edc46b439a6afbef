import { chisquareCdf, studentizedRangeQuantile } from './dists.js'
import { averageRanks } from './paired.js'

export interface FriedmanResult {
  /** Tie-corrected chi-square statistic, as scipy.stats.friedmanchisquare. */
  statistic: number
  df: number
  pValue: number
  /** Mean rank of each model over the datasets, rank 1 = best. */
  meanRanks: number[]
}

/**
 * Friedman test over a blocks × models table of scores (blocks = datasets). Ranks within each block
 * put the best score first: higherIsBetter says which way.
 */
export async function friedman(scores: number[][], higherIsBetter = true): Promise<FriedmanResult> {
  const n = scores.length
  const k = scores[0].length
  const ranked = scores.map((row) => averageRanks(row.map((x) => (higherIsBetter ? -x : x))))
  const sums = Array.from({ length: k }, (_, j) => ranked.reduce((s, r) => s + r[j], 0))
  let ties = 0
  for (const row of ranked) {
    const counts = new Map<number, number>()
    for (const r of row) counts.set(r, (counts.get(r) ?? 0) + 1)
    for (const t of counts.values()) ties += t * t * t - t
  }
  const c = 1 - ties / (k * (k * k - 1) * n)
  const statistic = ((12 / (n * k * (k + 1))) * sums.reduce((s, r) => s + r * r, 0) - 3 * n * (k + 1)) / c
  const df = k - 1
  return { statistic, df, pValue: 1 - (await chisquareCdf(statistic, df)), meanRanks: sums.map((s) => s / n) }
}

/** Nemenyi critical difference of mean ranks (Demšar 2006): q_α/√2 · √(k(k+1)/(6N)), q from the studentized range with ∞ df. */
export async function nemenyiCriticalDifference(k: number, n: number, alpha = 0.05): Promise<{ q: number; cd: number }> {
  const q = (await studentizedRangeQuantile(1 - alpha, k, Number.POSITIVE_INFINITY)) / Math.SQRT2
  return { q, cd: q * Math.sqrt((k * (k + 1)) / (6 * n)) }
}
