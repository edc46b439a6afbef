import type { Dataset } from '../data/dataset.js'
import { classificationMetrics, regressionMetrics } from '../metrics/index.js'
import { SCHEMA_VERSION, type ComputationMetrics, type ResultsFile, type RowResult } from '../model/types.js'
import { fitPredict } from '../pipeline/fit-predict.js'
import { row, take, takeRows } from '../pipeline/matrix.js'
import type { ResolvedStep } from '../pipeline/resolve.js'
import type { Split } from '../splits/index.js'

export interface SplitOutcome {
  results: ResultsFile
  metrics: ComputationMetrics
  fitMs: number
  predictMs: number
}

/** One computation: fit on the split's training rows, predict its test rows, score them. */
export async function evaluateSplit(dataset: Dataset, steps: ResolvedStep[], split: Split, seed: number): Promise<SplitOutcome> {
  const { task, classes } = dataset.record
  const truth = take(dataset.y, split.test)
  const prediction = await fitPredict(
    steps,
    { X: takeRows(dataset.X, split.train), y: take(dataset.y, split.train) },
    takeRows(dataset.X, split.test),
    { task, nClasses: classes.length, classes, seed },
  )
  const label = (v: number) => (task === 'classification' ? classes[v] : v)
  const rows: RowResult[] = Array.from(split.test, (index, k) => ({
    index,
    truth: label(truth[k]),
    predicted: label(prediction.predicted[k]),
    ...(prediction.probabilities ? { probabilities: Array.from(row(prediction.probabilities, k)) } : {}),
  }))
  const metrics: ComputationMetrics = task === 'classification'
    ? { schemaVersion: SCHEMA_VERSION, ...classificationMetrics(truth, prediction.predicted, classes.length), classes }
    : { schemaVersion: SCHEMA_VERSION, ...regressionMetrics(truth, prediction.predicted) }
  if (prediction.componentMetrics) metrics.componentMetrics = prediction.componentMetrics
  return {
    results: { schemaVersion: SCHEMA_VERSION, ...(task === 'classification' ? { classes } : {}), rows },
    metrics,
    fitMs: prediction.fitMs,
    predictMs: prediction.predictMs,
  }
}
