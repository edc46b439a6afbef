import type { ExperimentDefinition } from '../model/types.js'
import type { App } from './app.js'
import { getExperiment } from './experiments.js'
import { listExecutions } from './executions.js'
import type { Scope } from './scope.js'

export interface DiffRow {
  field: string
  a: string
  b: string
}

export interface ExperimentComparison {
  a: string
  b: string
  metadata: DiffRow[]
  pipeline: DiffRow[]
  parameters: DiffRow[]
}

/** What differs between two experiments, as of each one's latest execution. */
export async function compareExperiments(app: App, refA: string, refB: string, scope: Scope = {}): Promise<ExperimentComparison> {
  const [a, b] = await Promise.all([latest(app, refA, scope), latest(app, refB, scope)])
  return {
    a: a.id,
    b: b.id,
    metadata: diff(flatMetadata(a.definition), flatMetadata(b.definition)),
    pipeline: diff(steps(a.definition), steps(b.definition)),
    parameters: diff(params(a.definition), params(b.definition)),
  }
}

async function latest(app: App, ref: string, scope: Scope): Promise<{ id: string; definition?: ExperimentDefinition; dataset: string }> {
  const experiment = await getExperiment(app, ref, scope)
  const [newest] = await listExecutions(app, { project: experiment.project, experiment: experiment.name })
  return { id: experiment.id, definition: newest?.definition, dataset: experiment.dataset }
}

function flatMetadata(d?: ExperimentDefinition): Record<string, string> {
  if (!d) return { executions: 'none' }
  return {
    project: d.project, dataset: d.dataset, 'split.strategy': d.split.strategy, 'split.folds': String(d.split.folds ?? ''),
    'split.testRatio': String(d.split.testRatio ?? ''), 'split.shuffle': String(d.split.shuffle ?? true), seed: String(d.seed),
    grid: d.grid ? JSON.stringify(d.grid) : '', description: d.description ?? '',
  }
}

const steps = (d?: ExperimentDefinition) => Object.fromEntries((d?.pipeline ?? []).map((s, i) => [`step ${i + 1}`, s.component]))
const params = (d?: ExperimentDefinition) => Object.fromEntries((d?.pipeline ?? []).flatMap((s) => Object.entries(s.params).map(([k, v]) => [`${s.component}.${k}`, JSON.stringify(v)])))

function diff(a: Record<string, string>, b: Record<string, string>): DiffRow[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  return keys.filter((k) => a[k] !== b[k]).map((field) => ({ field, a: a[field] ?? '-', b: b[field] ?? '-' }))
}
