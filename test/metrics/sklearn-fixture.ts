import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Cases and scikit-learn's values, written by test/fixtures/sklearn/make_metric_fixtures.py. */
export interface MetricFixtures {
  sklearn: string
  classification: Array<{ name: string; yTrue: number[]; yPred: number[]; nClasses: number; values: Record<string, number>; confusionMatrix: number[][] }>
  probability: Array<{ name: string; yTrue: number[]; proba: number[][]; values: Record<string, number | null> }>
  regression: Array<{ name: string; yTrue: number[]; yPred: number[]; values: Record<string, number | null> }>
  aggregate: Array<{ perSplit: Array<Record<string, number>>; mean: Record<string, number>; std: Record<string, number> }>
}

export function loadMetricFixtures(): MetricFixtures {
  return JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/sklearn/metrics.json'), 'utf8')) as MetricFixtures
}

export const TOLERANCE = 1e-9
