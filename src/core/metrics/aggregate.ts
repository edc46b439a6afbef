import { InvalidInputError } from '../errors.js'
import type { MetricValues } from '../model/types.js'

/** Mean and population standard deviation (ddof=0, numpy's default) of each metric across splits. */
export function aggregate(perSplit: MetricValues[]): { mean: MetricValues; std: MetricValues } {
  if (perSplit.length === 0) {
    throw new InvalidInputError('cannot aggregate metrics of zero splits; run at least one split first')
  }
  const names = Object.keys(perSplit[0])
  perSplit.forEach((values, i) => {
    const keys = Object.keys(values)
    const missing = names.filter((k) => !(k in values))
    const extra = keys.filter((k) => !names.includes(k))
    if (missing.length || extra.length) {
      throw new InvalidInputError(
        `split ${i} has metrics [${keys.join(', ')}] but split 0 has [${names.join(', ')}]; every split must report the same metrics`,
      )
    }
  })
  const mean: MetricValues = {}
  const std: MetricValues = {}
  for (const name of names) {
    const xs = perSplit.map((v) => v[name])
    const m = xs.reduce((a, b) => a + b, 0) / xs.length
    mean[name] = m
    std[name] = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length)
  }
  return { mean, std }
}
