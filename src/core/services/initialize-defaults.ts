import { BUILTIN_DATASETS } from '../data/builtin.js'
import type { Task } from '../model/types.js'
import type { App } from './app.js'
import { getDataset } from './datasets.js'

/** The estimator a new definition starts from, per task. */
export const DEFAULT_ESTIMATORS: Record<Task, { name: string; call: string }> = {
  classification: { name: 'knn', call: 'knn({ k: 5 })' },
  regression: { name: 'ridge', call: 'ridge({ alpha: 1 })' },
}

export interface InitializeDefaults {
  project: string
  dataset: string
  estimator: { name: string; call: string }
  /** Why each default was picked, for the user. */
  reasons: string[]
}

/**
 * What `experiment initialize` fills in: the given or active project, else the only one, else
 * 'Examples'; the given dataset, else the most recently loaded one, else iris; the default
 * estimator of the dataset's task.
 */
export async function initializeDefaults(app: App, given: { project?: string; activeProject?: string; dataset?: string }): Promise<InitializeDefaults> {
  const reasons: string[] = []
  let project = given.project ?? given.activeProject
  if (!given.project && given.activeProject) reasons.push(`project ${project} (the active project)`)
  if (!project) {
    const names = await app.store.projectNames()
    project = names.length === 1 ? names[0] : 'Examples'
    reasons.push(names.length === 1 ? `project ${project} (the only project)` : `project ${project} (${names.length ? 'several projects: pick one with --project' : 'no project yet'})`)
  }
  let dataset = given.dataset
  if (!dataset) {
    const stored = (await Promise.all((await app.store.datasetNames()).map((n) => app.store.dataset(n)))).filter((d) => d !== undefined)
    const latest = stored.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
    dataset = latest?.name ?? Object.keys(BUILTIN_DATASETS)[0]
    reasons.push(latest ? `dataset ${dataset} (the most recently loaded)` : `dataset ${dataset} (built-in; none loaded yet)`)
  }
  const task = (await getDataset(app, dataset)).task
  const estimator = DEFAULT_ESTIMATORS[task]
  reasons.push(`estimator ${estimator.name} (for ${task})`)
  return { project, dataset, estimator, reasons }
}
