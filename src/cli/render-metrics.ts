import type { RunMetrics } from '../core/model/types.js'
import { fmt, table } from './render.js'

/** One row per grid point: its varying parameters, then mean ± std of each metric. */
export async function renderRunMetrics(metrics: RunMetrics | undefined | null): Promise<string> {
  if (!metrics || metrics.points.length === 0) return 'No metrics recorded.'
  const names = Object.keys(metrics.points[0].mean)
  const varying = Object.keys(metrics.points[0].parameters).filter((k) => new Set(metrics.points.map((p) => JSON.stringify(p.parameters[k]))).size > 1)
  if (metrics.points.length === 1) {
    const [p] = metrics.points
    return table(['metric', 'mean', 'std'], names.map((n) => [n, fmt(p.mean[n]), fmt(p.std[n])]))
  }
  const shown = names.filter((n) => !n.includes('micro'))
  return table(['point', ...varying, ...shown], metrics.points.map((p) => [p.point, ...varying.map((k) => String(p.parameters[k])), ...shown.map((n) => `${fmt(p.mean[n])} ± ${fmt(p.std[n], 3)}`)]))
}
