import { artifactOf, checkArtifactPath, keepModel, type ComputationArtifact } from '../models/keep-model.js'
import type { Matrix } from './matrix.js'
import type { ResolvedStep } from './resolve.js'
import type { AsyncEstimator, AsyncTransformer, FitContext } from './types.js'

export interface Prediction {
  predicted: Float64Array
  probabilities?: Matrix
  fitMs: number
  predictMs: number
  /** What components reported of themselves after predicting (see ReportsMetrics), by component name. */
  componentMetrics?: Record<string, Record<string, unknown>>
  /** Files kept for the recording process: model.json (the fitted pipeline) when asked for and every component can save. */
  artifacts?: ComputationArtifact[]
  /** Why no model.json was kept, when one was asked for. */
  modelNote?: string
}

/** keepModel: save the fitted pipeline (model.json) with these feature column names. */
export interface FitPredictOptions {
  keepModel?: { features: string[] }
}

/** A component that measures itself (an external command's metrics.json) offers it after predicting. */
export interface ReportsMetrics {
  componentMetrics(): Record<string, unknown> | undefined
}

/** A component that writes files (an external command's artifacts/ folder) offers them after predicting, paths relative to it. */
export interface KeepsArtifacts {
  componentArtifacts(): ComputationArtifact[] | undefined
}

/** Built-ins that get predictions and probabilities from one pass (knn's neighbour search) offer both at once. */
type Combined = { predictWithProbabilities?(X: Matrix): { predicted: Float64Array; probabilities: Matrix } }

/** Fits the transformers then the estimator on the training rows and predicts the test rows. */
export async function fitPredict(steps: ResolvedStep[], train: { X: Matrix; y: Float64Array }, test: Matrix, ctx: FitContext, options: FitPredictOptions = {}): Promise<Prediction> {
  const components = await Promise.all(steps.map((s) => s.definition.create(s.params)))
  // Each component saves its own files (ctx.saveArtifact), kept under its name.
  const saved = steps.map(() => new Map<string, ComputationArtifact>())
  const contexts = steps.map((s, i): FitContext => ({
    ...ctx, saveArtifact(path: string, content: string | Uint8Array) { saved[i].set(checkArtifactPath(path), artifactOf(path, content)) },
  }))
  const transformers = components.slice(0, -1) as AsyncTransformer[]
  const estimator = components[components.length - 1] as AsyncEstimator
  let start = performance.now()
  let X = train.X
  for (const [i, t] of transformers.entries()) {
    await t.fit(X, train.y, contexts[i])
    X = await t.transform(X)
  }
  await estimator.fit(X, train.y, contexts[contexts.length - 1])
  const fitMs = performance.now() - start
  start = performance.now()
  let T = test
  for (const t of transformers) T = await t.transform(T)
  const combined = ctx.task === 'classification' ? (estimator as Combined).predictWithProbabilities : undefined
  const { predicted, probabilities } = combined ? combined.call(estimator, T) : {
    predicted: await estimator.predict(T),
    probabilities: ctx.task === 'classification' && estimator.predictProba ? await estimator.predictProba(T) : undefined,
  }
  const predictMs = performance.now() - start
  const reported = steps.flatMap((s, i) => {
    const own = (components[i] as Partial<ReportsMetrics>).componentMetrics?.()
    return own ? [[s.definition.name, own] as const] : []
  })
  const files = steps.flatMap((s, i) => {
    const own = new Map(saved[i])
    for (const a of (components[i] as Partial<KeepsArtifacts>).componentArtifacts?.() ?? []) own.set(a.path, a)
    return [...own.values()].map((a) => ({ ...a, path: `${s.definition.name}/${a.path}` }))
  })
  const kept = options.keepModel ? keepModel(steps, components, { task: ctx.task, classes: ctx.classes, features: options.keepModel.features }) : undefined
  return {
    predicted, probabilities, fitMs, predictMs, ...(reported.length ? { componentMetrics: Object.fromEntries(reported) } : {}),
    ...(kept && 'artifact' in kept ? { artifacts: [kept.artifact, ...files] } : files.length ? { artifacts: files } : {}),
    ...(kept && 'note' in kept ? { modelNote: kept.note } : {}),
  }
}

export function componentSeed(seed: number, split: number, point: number): number {
  return (Math.imul(seed, 1000003) + split * 7919 + point * 104729) >>> 0
}

