import { InvalidInputError } from '../errors.js'
import { METRIC_HIGHER_IS_BETTER } from '../metrics/main.js'
import { friedman, nemenyiCriticalDifference } from '../stats/friedman.js'
import type { App } from './app.js'
import { listRunsWithMetrics } from './runs.js'
import type { Scope } from './scope.js'

export interface RankResult {
  metric: string
  models: string[]
  datasets: string[]
  /** datasets × models: the score of each model on each dataset */
  scores: number[][]
  /** where each score comes from: run id and grid point */
  sources: string[][]
  meanRanks: number[]
  friedman: { statistic: number; df: number; pValue: number }
  nemenyi: { alpha: number; q: number; criticalDifference: number }
  /** pairs of models whose mean ranks differ by more than the critical difference */
  significant: Array<[string, string]>
}

/**
 * Friedman + Nemenyi over models × datasets (Demšar 2006). A model is an experiment name, in which
 * '{dataset}' stands for the dataset's name (for one experiment per dataset, e.g. 'knn-{dataset}').
 * Its score on a dataset: the newest finished run of that experiment on that dataset, at its best grid point.
 */
export async function rankModels(app: App, scope: Scope, experiments: string[], datasets: string[], metric: string, alpha = 0.05): Promise<RankResult> {
  if (experiments.length < 2) throw new InvalidInputError('Ranking needs at least 2 models: give --experiments a,b[,c...].')
  if (datasets.length < 2) throw new InvalidInputError('Ranking needs at least 2 datasets: give --datasets x,y[,z...] (Demšar recommends more than 5).')
  const higher = METRIC_HIGHER_IS_BETTER[metric] !== false
  const runs = (await listRunsWithMetrics(app, { project: scope.project })).filter(({ run }) => run.status === 'finished')
  const scores: number[][] = []
  const sources: string[][] = []
  for (const dataset of datasets) {
    const row: number[] = []
    const from: string[] = []
    for (const model of experiments) {
      const name = model.replace(/\{dataset\}/g, dataset)
      const found = runs.find(({ run }) => run.experiment === name && run.dataset === dataset)
      if (!found) throw new InvalidInputError(`No finished run of experiment '${name}' on dataset '${dataset}'${scope.project ? ` in project ${scope.project}` : ''}: execute it, or use '{dataset}' in the experiment name.`)
      const points = (found.metrics?.points ?? []).filter((p) => p.mean[metric] !== undefined && !Number.isNaN(p.mean[metric]))
      if (points.length === 0) throw new InvalidInputError(`Run ${found.run.id} has no metric '${metric}'.`)
      const best = points.reduce((a, b) => ((higher ? b.mean[metric] > a.mean[metric] : b.mean[metric] < a.mean[metric]) ? b : a))
      row.push(best.mean[metric])
      from.push(`${found.run.id}#${best.point}`)
    }
    scores.push(row)
    sources.push(from)
  }
  const f = await friedman(scores, higher)
  const { q, cd } = await nemenyiCriticalDifference(experiments.length, datasets.length, alpha)
  const significant: Array<[string, string]> = []
  for (let i = 0; i < experiments.length; i++) {
    for (let j = i + 1; j < experiments.length; j++) if (Math.abs(f.meanRanks[i] - f.meanRanks[j]) > cd) significant.push([experiments[i], experiments[j]])
  }
  return {
    metric, models: experiments, datasets, scores, sources, meanRanks: f.meanRanks,
    friedman: { statistic: f.statistic, df: f.df, pValue: f.pValue }, nemenyi: { alpha, q, criticalDifference: cd }, significant,
  }
}
