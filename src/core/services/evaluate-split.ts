import type { Dataset } from '../data/dataset.js'
import { scoreSplit, selectMetrics, type MetricSelection } from '../metrics/index.js'
import { SCHEMA_VERSION, type ComputationMetrics, type ResultsFile, type RowResult } from '../model/types.js'
import { fitPredict } from '../pipeline/fit-predict.js'
import { row, take, takeRows } from '../pipeline/matrix.js'
import type { ResolvedStep } from '../pipeline/resolve.js'
import type { Split } from '../splits/index.js'
import type { ComputationArtifact } from '../models/keep-model.js'

export interface SplitOutcome {
  results: ResultsFile
  metrics: ComputationMetrics
  fitMs: number
  predictMs: number
  /** Files the computation kept (model.json), as text, for the recording process to store. */
  artifacts?: ComputationArtifact[]
  modelNote?: string
}

/** One computation: fit on the split's training rows, predict its test rows, score them. */
export async function evaluateSplit(dataset: Dataset, steps: ResolvedStep[], split: Split, seed: number, selection?: MetricSelection, options: { keepModel?: boolean } = {}): Promise<SplitOutcome> {
  const { task, classes } = dataset.record
  const truth = take(dataset.y, split.test)
  const prediction = await fitPredict(
    steps,
    { X: takeRows(dataset.X, split.train), y: take(dataset.y, split.train) },
    takeRows(dataset.X, split.test),
    { task, nClasses: classes.length, classes, seed },
    options.keepModel ? { keepModel: { features: dataset.record.featureNames } } : {},
  )
  const label = (v: number) => (task === 'classification' ? classes[v] : v)
  const probabilities = prediction.probabilities ? Array.from(split.test, (_, k) => Array.from(row(prediction.probabilities!, k))) : undefined
  const rows: RowResult[] = Array.from(split.test, (index, k) => ({
    index,
    truth: label(truth[k]),
    predicted: label(prediction.predicted[k]),
    ...(probabilities ? { probabilities: probabilities[k] } : {}),
  }))
  const scored = scoreSplit(selection ?? selectMetrics(undefined, task, classes), {
    task, classes: task === 'classification' ? classes : [], truth, predicted: prediction.predicted, ...(probabilities ? { probabilities } : {}),
  })
  const metrics: ComputationMetrics = task === 'classification'
    ? { schemaVersion: SCHEMA_VERSION, ...scored, classes }
    : { schemaVersion: SCHEMA_VERSION, values: scored.values }
  if (prediction.componentMetrics) metrics.componentMetrics = prediction.componentMetrics
  return {
    results: { schemaVersion: SCHEMA_VERSION, ...(task === 'classification' ? { classes } : {}), rows },
    metrics,
    fitMs: prediction.fitMs,
    predictMs: prediction.predictMs,
    ...(prediction.artifacts ? { artifacts: prediction.artifacts } : {}),
    ...(prediction.modelNote ? { modelNote: prediction.modelNote } : {}),
  }
}
