import { tQuantile } from './dists.js'

export const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length

/** Sample standard deviation (n - 1 in the denominator), NaN for fewer than 2 values. */
export function sampleStd(xs: number[]): number {
  if (xs.length < 2) return Number.NaN
  const m = mean(xs)
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1))
}

export interface Summary {
  n: number
  mean: number
  /** sample std (ddof = 1) */
  std: number
  /** Student-t interval of the mean: mean ± t(1 - α/2, n - 1) · std / √n, as scipy.stats.t.interval. */
  ciLow: number
  ciHigh: number
  level: number
}

export async function summarize(xs: number[], level = 0.95): Promise<Summary> {
  const n = xs.length
  const m = mean(xs)
  const s = sampleStd(xs)
  if (n < 2) return { n, mean: m, std: s, ciLow: Number.NaN, ciHigh: Number.NaN, level }
  const half = (await tQuantile(1 - (1 - level) / 2, n - 1)) * (s / Math.sqrt(n))
  return { n, mean: m, std: s, ciLow: m - half, ciHigh: m + half, level }
}
