import type { RunMetrics, RunRecord } from '../core/model/types.js'
import { DEFAULT_PRECISION, fmtMetric, table } from './render.js'

export interface RenderOptions {
  /** Decimals of means and stds alike. */
  precision?: number
  /** The run's best value of its main metric: that point is marked with '*'. */
  best?: RunRecord['mainMetric']
}

/** The index of the point holding the run's best main-metric value. */
export function bestPoint(metrics: RunMetrics, best: RunRecord['mainMetric']): number | undefined {
  if (!best) return undefined
  return metrics.points.find((p) => p.mean[best.name] === best.value)?.point
}

/** One row per grid point: its varying parameters, then mean ± std of each metric; the best point marked. */
export async function renderRunMetrics(metrics: RunMetrics | undefined | null, options: RenderOptions = {}): Promise<string> {
  if (!metrics || metrics.points.length === 0) return 'No metrics recorded.'
  const digits = options.precision ?? DEFAULT_PRECISION
  const names = Object.keys(metrics.points[0].mean)
  const varying = Object.keys(metrics.points[0].parameters).filter((k) => new Set(metrics.points.map((p) => JSON.stringify(p.parameters[k]))).size > 1)
  if (metrics.points.length === 1) {
    const [p] = metrics.points
    return table(['metric', 'mean', 'std'], names.map((n) => [n, fmtMetric(p.mean[n], digits), fmtMetric(p.std[n], digits)]))
  }
  const shown = names.filter((n) => !n.includes('micro'))
  const best = bestPoint(metrics, options.best)
  const rows = await table(['point', ...varying, ...shown], metrics.points.map((p) => [
    p.point === best ? `${p.point} *` : p.point, ...varying.map((k) => String(p.parameters[k])),
    ...shown.map((n) => `${fmtMetric(p.mean[n], digits)} ± ${fmtMetric(p.std[n], digits)}`)]))
  return best === undefined ? rows : `${rows}\n* best point by ${options.best!.name}`
}
