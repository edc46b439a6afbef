import { sep } from 'node:path'

// Plain concatenation, not path.join: root_dir is absolute and normalised, and names are checked
// (no separators, no '..'), and a list of a thousand runs builds thousands of these.
const join = (...parts: string[]) => parts.join(sep)

/** Where each record lives under root_dir. The file and git backends both use these. */
export const paths = {
  log: (root: string) => join(root, 'padre.log'),
  datasets: (root: string) => join(root, 'datasets'),
  dataset: (root: string, name: string) => join(root, 'datasets', name),
  projects: (root: string) => join(root, 'projects'),
  project: (root: string, project: string) => join(root, 'projects', project),
  experiments: (root: string, project: string) => join(root, 'projects', project, 'experiments'),
  experiment: (root: string, project: string, experiment: string) => join(root, 'projects', project, 'experiments', experiment),
  executions: (root: string, p: string, e: string) => join(paths.experiment(root, p, e), 'executions'),
  execution: (root: string, p: string, e: string, version: string) => join(paths.executions(root, p, e), version),
  runs: (root: string, p: string, e: string, v: string) => join(paths.execution(root, p, e, v), 'runs'),
  run: (root: string, p: string, e: string, v: string, run: string) => join(paths.runs(root, p, e, v), run),
  computations: (root: string, p: string, e: string, v: string, r: string) => join(paths.run(root, p, e, v, r), 'computations'),
  computation: (root: string, p: string, e: string, v: string, r: string, c: string) => join(paths.computations(root, p, e, v, r), c),
  reevaluations: (root: string, p: string, e: string, v: string, r: string) => join(paths.run(root, p, e, v, r), 'reevaluations'),
  reevaluation: (root: string, p: string, e: string, v: string, r: string, name: string) => join(paths.reevaluations(root, p, e, v, r), name),
  /** Soft-deleted datasets and projects: out of the working view, restorable. */
  trash: (root: string, kind: 'datasets' | 'projects') => join(root, 'trash', kind),
  /** Soft-deleted experiment repositories, inside the project's .git so that they travel with it. */
  experimentTrash: (root: string, project: string) => join(root, 'projects', project, '.git', 'padre-trash', 'experiments'),
  /** The model registry, in the project repository. */
  models: (root: string, project: string) => join(root, 'projects', project, 'models'),
  model: (root: string, project: string, name: string) => join(root, 'projects', project, 'models', name),
  modelVersions: (root: string, project: string, name: string) => join(root, 'projects', project, 'models', name, 'versions'),
}

export const FILES = {
  project: 'project.json',
  experiment: 'experiment.json',
  execution: 'execution.json',
  run: 'run.json',
  metrics: 'metrics.json',
  computation: 'computation.json',
  results: 'results.json',
  dataset: 'dataset.json',
  datasetData: 'data.json',
  reevaluation: 'reevaluation.json',
  modelAliases: 'aliases.json',
} as const
