import { InvalidInputError, closeMatches } from '../errors.js'
import { MAIN_METRIC } from '../metrics/main.js'
import type { RunRecord, Task } from '../model/types.js'
import { confusionMatrixSpec, foldBoxPlotSpec, metricVsParamSpec, predictedVsTrueSpec, type VegaLiteSpec } from '../plots/specs.js'
import type { App } from './app.js'
import { compareMetrics } from './compare-metrics.js'
import { getRun } from './runs.js'
import type { Scope } from './scope.js'
import { splitValues } from './split-values.js'

export const PLOT_KINDS = ['metric', 'folds', 'confusion', 'predicted'] as const
export type PlotKind = (typeof PLOT_KINDS)[number]

export interface PlotOptions extends Scope {
  runs?: string[]
  metric?: string
  param?: string
  point?: number
  where?: string
  filter?: string
}

/** Reads what a plot needs and returns its Vega-Lite spec. */
export async function plotSpec(app: App, kind: string, o: PlotOptions): Promise<VegaLiteSpec> {
  switch (kind) {
    case 'metric': return metricPlot(app, o)
    case 'folds': return foldsPlot(app, o)
    case 'confusion': return confusionPlot(app, o)
    case 'predicted': return predictedPlot(app, o)
    default: {
      const close = closeMatches(kind, PLOT_KINDS)
      throw new InvalidInputError(`Unknown plot kind '${kind}'${close.length ? `. Did you mean '${close[0]}'?` : ''}: use ${PLOT_KINDS.join(', ')}.`, close)
    }
  }
}

async function metricPlot(app: App, o: PlotOptions): Promise<VegaLiteSpec> {
  const { rows, metrics } = await compareMetrics(app, { project: o.project, experiment: o.experiment, where: o.where, filter: o.filter })
  const chosen = new Set(o.runs ?? [])
  const selected = rows.filter((r) => chosen.size === 0 || chosen.has(r.run) || chosen.has(r.run.split(':')[3]))
  if (selected.length === 0) throw new InvalidInputError('No finished runs to plot: widen --project/--experiment/--where, or execute a grid first.')
  const params = [...new Set(selected.flatMap((r) => Object.keys(r.parameters)))]
  if (!o.param) throw new InvalidInputError(`plot metric needs --param <component.param>: the runs have ${params.join(', ') || 'no parameters'}.`)
  if (!params.includes(o.param)) throw new InvalidInputError(`No run has parameter '${o.param}'${hint(o.param, params)}.`)
  const metric = o.metric ?? (metrics.includes('accuracy') ? 'accuracy' : metrics.includes('r2') ? 'r2' : metrics[0])
  if (!metrics.includes(metric)) throw new InvalidInputError(`No run has metric '${metric}'${hint(metric, metrics)}.`)
  const points = selected.filter((r) => o.param! in r.parameters && r.mean[metric] !== undefined).map((r) => ({
    series: r.experiment, x: r.parameters[o.param!] as number | string, mean: r.mean[metric], std: r.std[metric] ?? 0,
  }))
  const distinct = new Set(points.map((p) => `${p.series}|${p.x}`)).size
  if (new Set(points.map((p) => p.x)).size < 2) throw new InvalidInputError(`'${o.param}' takes a single value in these runs: plot metric needs a grid over it (e.g. --grid ${o.param}=1,3,5).`)
  if (distinct < points.length) {
    // several runs at the same point of the same experiment: keep the newest (rows come newest first within a sort tie)
    const seen = new Set<string>()
    return metricVsParamSpec(points.filter((p) => !seen.has(`${p.series}|${p.x}`) && seen.add(`${p.series}|${p.x}`)), o.param, metric)
  }
  return metricVsParamSpec(points, o.param, metric)
}

async function foldsPlot(app: App, o: PlotOptions): Promise<VegaLiteSpec> {
  if (!o.runs?.length) throw new InvalidInputError('plot folds needs one or more runs: padre plot folds <run> [<run> ...] --out folds.svg')
  const runs = await Promise.all(o.runs.map(async (ref) => (await getRun(app, ref, o)).run))
  const metric = o.metric ?? MAIN_METRIC[await taskOf(app, runs[0])]
  const values = (await Promise.all(runs.map(async (run) => {
    const s = await splitValues(app, run, o.point ?? 0)
    if (!s.values[metric]) throw new InvalidInputError(`Run ${run.id} has no metric '${metric}'${hint(metric, Object.keys(s.values))}.`)
    return s.values[metric].map((value, i) => ({ run: `${run.experiment} ${run.run.slice(-4)}`, split: s.computations[i].split, value }))
  }))).flat()
  return foldBoxPlotSpec(values, metric)
}

async function confusionPlot(app: App, o: PlotOptions): Promise<VegaLiteSpec> {
  const run = await oneRun(app, o, 'confusion')
  if ((await taskOf(app, run)) !== 'classification') throw new InvalidInputError(`Run ${run.id} is a regression run: a confusion matrix needs classification; try 'padre plot predicted ${run.id}'.`)
  const { computations } = await splitValues(app, run, o.point ?? 0)
  const withMatrix = computations.filter((c) => c.metrics?.confusionMatrix)
  if (withMatrix.length === 0) throw new InvalidInputError(`Run ${run.id} has no confusion matrix recorded (no finished split).`)
  const classes = withMatrix[0].metrics!.classes ?? []
  const k = withMatrix[0].metrics!.confusionMatrix!.length
  const sum = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (const c of withMatrix) c.metrics!.confusionMatrix!.forEach((row, i) => row.forEach((v, j) => { sum[i][j] += v }))
  return confusionMatrixSpec(sum, classes, `${run.experiment}: confusion matrix over ${withMatrix.length} splits`)
}

async function predictedPlot(app: App, o: PlotOptions): Promise<VegaLiteSpec> {
  const run = await oneRun(app, o, 'predicted')
  if ((await taskOf(app, run)) !== 'regression') throw new InvalidInputError(`Run ${run.id} is a classification run: predicted vs true needs regression; try 'padre plot confusion ${run.id}'.`)
  const names = (await app.store.computationNames(run.project, run.experiment, run.execution, run.run)).filter((n) => n.endsWith(`-point-${o.point ?? 0}`))
  const points = (await Promise.all(names.map(async (n) => {
    const results = await app.store.results(run.project, run.experiment, run.execution, run.run, n)
    const split = Number(/^split-(\d+)/.exec(n)?.[1] ?? 0)
    return (results?.rows ?? []).map((r) => ({ truth: Number(r.truth), predicted: Number(r.predicted), split }))
  }))).flat()
  if (points.length === 0) throw new InvalidInputError(`Run ${run.id} has no predictions recorded (no finished split).`)
  return predictedVsTrueSpec(points, `${run.experiment}: predicted vs true (${names.length} splits)`)
}

async function oneRun(app: App, o: PlotOptions, kind: string): Promise<RunRecord> {
  if (o.runs?.length !== 1) throw new InvalidInputError(`plot ${kind} takes one run: padre plot ${kind} <run> --out ${kind}.svg`)
  return (await getRun(app, o.runs[0], o)).run
}

async function taskOf(app: App, run: RunRecord): Promise<Task> {
  const dataset = await app.store.dataset(run.dataset)
  if (dataset) return dataset.task
  const first = (await app.store.computationNames(run.project, run.experiment, run.execution, run.run))[0]
  const results = first ? await app.store.results(run.project, run.experiment, run.execution, run.run, first) : undefined
  return results?.classes ? 'classification' : 'regression'
}

const hint = (name: string, known: string[]) => {
  const close = closeMatches(name, known)
  return close.length ? `. Did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : `: known ${known.join(', ')}`
}
