import { InvalidInputError, NotFoundError } from '../../core/errors.js'
import type { ParamValue, RunRecord } from '../../core/model/types.js'
import type { App } from '../../core/services/app.js'
import { listComputations } from '../../core/services/computations.js'
import { compareExecutions } from '../../core/services/executions.js'
import { getRun } from '../../core/services/runs.js'
import { parseRunKey } from './ids.js'
import { pairedTest } from './paired-test.js'
import { foldBoxPlotSpec, metricVsParamSpec } from '../../core/plots/specs.js'

export interface CompareItem {
  key: string
  label: string
  id: string
  point: number
  experiment: string
  execution: string
  params: Record<string, ParamValue>
  mean: Record<string, number>
  std: Record<string, number>
  /** metric → value of each split, in split order */
  splits: Array<{ split: number; values: Record<string, number> }>
  /** What decides the splits: runs with the same setup were tested on the same rows. */
  setup: { dataset: string; datasetHash: string; split: RunRecord['split']; seed: number }
}

const MAX_COMPARED = 50

/** Selected runs (grid points) side by side, the two charts, and the source diffs between their executions. */
export async function comparePage(app: App, keys: string[], wanted: { metric?: string; param?: string }) {
  if (keys.length === 0) throw new InvalidInputError('Nothing to compare: pass ids=<run id>#<point>,… (select runs in the table).')
  if (keys.length > MAX_COMPARED) throw new InvalidInputError(`At most ${MAX_COMPARED} runs can be compared at once; got ${keys.length}.`)
  const items = await Promise.all(keys.map((k) => item(app, k)))
  const metrics = [...new Set(items.flatMap((i) => Object.keys(i.mean)))]
  const params = [...new Set(items.flatMap((i) => Object.keys(i.params)))]
  const varying = params.filter((p) => new Set(items.map((i) => JSON.stringify(i.params[p] ?? null))).size > 1)
  if (wanted.metric && !metrics.includes(wanted.metric)) throw new InvalidInputError(`Unknown metric '${wanted.metric}': the runs have ${metrics.join(', ') || 'none'}.`)
  if (wanted.param && !params.includes(wanted.param)) throw new InvalidInputError(`Unknown parameter '${wanted.param}': the runs have ${params.join(', ') || 'none'}.`)
  const metric = wanted.metric ?? (metrics.includes('accuracy') ? 'accuracy' : metrics.includes('r2') ? 'r2' : metrics[0])
  const param = wanted.param ?? varying.find((p) => items.every((i) => typeof i.params[p] === 'number')) ?? varying[0]
  const charts = metric ? {
    metricVsParam: metricVsParamSpec(items.filter((i) => i.mean[metric] !== undefined).map((i) => ({
      series: i.experiment, x: param ? (i.params[param] ?? 'none') as number | string : i.label, mean: i.mean[metric], std: i.std[metric] ?? 0,
    })), param ?? 'run', metric),
    foldBoxPlot: foldBoxPlotSpec(items.flatMap((i) => i.splits.filter((s) => s.values[metric] !== undefined).map((s) => ({ run: i.label, split: s.split, value: s.values[metric] }))), metric),
  } : undefined
  const input = (i: CompareItem) => ({ key: i.key, run: i.setup, values: new Map(i.splits.filter((s) => s.values[metric] !== undefined).map((s) => [s.split, s.values[metric]])) })
  const tests = metric ? await Promise.all(items.slice(1).map((i) => pairedTest(input(items[0]), input(i), metric))) : []
  return { items, metrics, params, varying, metric, param, charts, tests, diffs: await diffs(app, items) }
}

async function item(app: App, key: string): Promise<CompareItem> {
  const { id, point } = parseRunKey(key)
  const [{ run, metrics }, computations] = await Promise.all([getRun(app, id), listComputations(app, id)])
  const p = metrics?.points.find((x) => x.point === point)
  if (!p && point >= Math.max(1, run.points.length)) throw new NotFoundError(`Run '${id}' has no grid point ${point}.`)
  return {
    key: `${id}#${point}`, label: `${run.experiment} ${run.run.slice(0, 15)}${run.points.length > 1 ? ` #${point}` : ''}`,
    id, point, experiment: run.experiment, execution: `${run.project}:${run.experiment}:${run.execution}`,
    params: p?.parameters ?? run.points[point] ?? {}, mean: p?.mean ?? {}, std: p?.std ?? {},
    splits: computations.filter((c) => c.point === point && c.metrics).map((c) => ({ split: c.split, values: c.metrics!.values })),
    setup: { dataset: run.dataset, datasetHash: run.environment?.datasetHash ?? '', split: run.split, seed: run.seed },
  }
}

/** The unified diff from the first selected execution to each other one. */
async function diffs(app: App, items: CompareItem[]): Promise<Array<{ a: string; b: string; diff: string }>> {
  const executions = [...new Set(items.map((i) => i.execution))]
  return Promise.all(executions.slice(1).map(async (b) => {
    const { diff } = await compareExecutions(app, executions[0], b)
    return { a: executions[0], b, diff }
  }))
}
