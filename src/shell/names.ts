import { CONFIG_KEYS } from '../core/config/keys.js'
import { COMPONENT_NAMES } from '../core/estimators/registry.js'
import type { App } from '../core/services/app.js'
import type { Scope } from '../core/services/scope.js'

/** The kinds of names the shell completes and offers in prompts. */
export type NameKind = 'project' | 'experiment' | 'execution' | 'run' | 'dataset' | 'estimator' | 'transformer' | 'config-key'

const TRANSFORMERS = new Set(['standardScaler', 'minMaxScaler', 'pca'])
export const ESTIMATOR_NAMES = COMPONENT_NAMES.filter((n) => !TRANSFORMERS.has(n))
export const TRANSFORMER_NAMES = COMPONENT_NAMES.filter((n) => TRANSFORMERS.has(n))

const FLAG_KINDS: Record<string, NameKind> = {
  project: 'project', experiment: 'experiment', execution: 'execution', run: 'run',
  dataset: 'dataset', estimator: 'estimator', transformer: 'transformer',
}

/** Arguments (and the odd flag) whose kind depends on the command; `null` means "a new name". */
const BY_COMMAND: Record<string, Record<string, NameKind | null>> = {
  'project:create': { name: null },
  'project:get': { name: 'project' },
  'experiment:get': { experiment: 'experiment' },
  'experiment:compare': { a: 'experiment', b: 'experiment' },
  'experiment:execute': { name: null },
  'experiment:initialize': { name: null },
  'execution:get': { execution: 'execution' },
  'execution:compare': { a: 'execution', b: 'execution' },
  'run:get': { run: 'run' },
  'computation:list': { run: 'run' },
  'dataset:get': { name: 'dataset' },
  'dataset:load': { name: null },
  'config:get': { key: 'config-key' },
  'config:set': { key: 'config-key' },
}

/** What kind of name the flag or argument `name` of command `id` ('project:list') takes, if any. */
export function nameKind(id: string, name: string): NameKind | undefined {
  const special = BY_COMMAND[id]
  if (special && name in special) return special[name] ?? undefined
  return FLAG_KINDS[name]
}

/** The known names of a kind, within the scope (ids when the scope does not pin the parents). */
export async function namesOf(app: App, kind: NameKind, scope: Scope = {}): Promise<string[]> {
  switch (kind) {
    case 'project':
      return app.store.projectNames()
    case 'experiment': {
      const { listExperiments } = await import('../core/services/experiments.js')
      return (await listExperiments(app, { project: scope.project })).map((e) => (scope.project ? e.name : e.id))
    }
    case 'execution': {
      const { listExecutions } = await import('../core/services/executions.js')
      return (await listExecutions(app, { project: scope.project, experiment: scope.experiment })).map((x) => (scope.project && scope.experiment ? x.version : x.id))
    }
    case 'run': {
      const { listRuns } = await import('../core/services/runs.js')
      return (await listRuns(app, { project: scope.project, experiment: scope.experiment, execution: scope.execution })).map((r) => (scope.project ? r.run : r.id))
    }
    case 'dataset': {
      const { listDatasets } = await import('../core/services/datasets.js')
      return (await listDatasets(app)).map((d) => d.name)
    }
    case 'estimator':
      return ESTIMATOR_NAMES
    case 'transformer':
      return TRANSFORMER_NAMES
    case 'config-key':
      return CONFIG_KEYS.map((k) => k.key)
  }
}

/** Like namesOf, but an empty list instead of an error (a stale scope, a bad root_dir). */
export async function safeNamesOf(app: App, kind: NameKind, scope: Scope = {}): Promise<string[]> {
  try {
    return await namesOf(app, kind, scope)
  } catch {
    return []
  }
}
