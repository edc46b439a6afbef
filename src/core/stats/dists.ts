/* @stdlib distributions, loaded on first use (about 200 ms together): only the stats commands pay it. */
type Fn = (...args: number[]) => number
const load = async (name: string): Promise<Fn> => ((await import(name)) as { default: Fn }).default

export const tCdf = async (x: number, df: number) => (await load('@stdlib/stats-base-dists-t-cdf'))(x, df)
export const tQuantile = async (p: number, df: number) => (await load('@stdlib/stats-base-dists-t-quantile'))(p, df)
export const chisquareCdf = async (x: number, df: number) => (await load('@stdlib/stats-base-dists-chisquare-cdf'))(x, df)
export const studentizedRangeQuantile = async (p: number, k: number, df: number) => (await load('@stdlib/stats-base-dists-studentized-range-quantile'))(p, k, df)

export interface WilcoxonOutput { pValue: number; statistic: number }
export async function stdlibWilcoxon(x: number[], options: Record<string, unknown>): Promise<WilcoxonOutput> {
  const wilcoxon = ((await import('@stdlib/stats-wilcoxon')) as unknown as { default: (x: number[], o: Record<string, unknown>) => WilcoxonOutput }).default
  return wilcoxon(x, options)
}
