import type { Storage } from './storage.js'

/**
 * The typed helpers the services read with (app.store), a thin facade over Storage.get/list:
 * positional parents, missing → undefined, lists sorted.
 */
export class Records {
  constructor(readonly storage: Storage) {}

  projectNames = () => this.storage.list('project', {})
  experimentNames = (project: string) => this.storage.list('experiment', { project })
  executionVersions = (project: string, experiment: string) => this.storage.list('execution', { project, experiment })
  runNames = (project: string, experiment: string, execution: string) => this.storage.list('run', { project, experiment, execution })
  computationNames = (project: string, experiment: string, execution: string, run: string) =>
    this.storage.list('computation', { project, experiment, execution, run })
  reevaluationNames = (project: string, experiment: string, execution: string, run: string) =>
    this.storage.list('reevaluation', { project, experiment, execution, run })
  datasetNames = () => this.storage.list('dataset', {})
  deletedDatasetNames = () => this.storage.list('dataset', {}, { deleted: true })
  deletedProjectNames = () => this.storage.list('project', {}, { deleted: true })
  deletedExperimentNames = (project: string) => this.storage.list('experiment', { project }, { deleted: true })

  project = (project: string) => this.storage.get({ kind: 'project', project })
  experiment = (project: string, experiment: string) => this.storage.get({ kind: 'experiment', project, experiment })
  execution = (project: string, experiment: string, execution: string) => this.storage.get({ kind: 'execution', project, experiment, execution })
  run = (project: string, experiment: string, execution: string, run: string) => this.storage.get({ kind: 'run', project, experiment, execution, run })
  /** The newest view: the last reevaluation's metrics (padre metric reevaluate) when there is one, else the run's own. */
  runMetrics = async (project: string, experiment: string, execution: string, run: string) => {
    const latest = (await this.reevaluationNames(project, experiment, execution, run)).at(-1)
    return latest
      ? this.storage.get({ kind: 'reevaluationMetrics', project, experiment, execution, run, reevaluation: latest })
      : this.storage.get({ kind: 'runMetrics', project, experiment, execution, run })
  }
  reevaluation = (project: string, experiment: string, execution: string, run: string, reevaluation: string) =>
    this.storage.get({ kind: 'reevaluation', project, experiment, execution, run, reevaluation })
  reevaluatedComputationMetrics = (project: string, experiment: string, execution: string, run: string, reevaluation: string, computation: string) =>
    this.storage.get({ kind: 'reevaluatedComputationMetrics', project, experiment, execution, run, reevaluation, computation })
  computation = (project: string, experiment: string, execution: string, run: string, computation: string) =>
    this.storage.get({ kind: 'computation', project, experiment, execution, run, computation })
  computationMetrics = (project: string, experiment: string, execution: string, run: string, computation: string) =>
    this.storage.get({ kind: 'computationMetrics', project, experiment, execution, run, computation })
  results = (project: string, experiment: string, execution: string, run: string, computation: string) =>
    this.storage.get({ kind: 'results', project, experiment, execution, run, computation })
  dataset = (dataset: string) => this.storage.get({ kind: 'dataset', dataset })
  datasetData = (dataset: string) => this.storage.get({ kind: 'datasetData', dataset })
  modelNames = (project: string) => this.storage.list('model', { project })
  /** The registered versions of a model, ascending. */
  modelVersionNumbers = async (project: string, model: string) => (await this.storage.list('modelVersion', { project, model }))
    .flatMap((v) => (/^[1-9]\d*$/.test(v) ? [Number(v)] : [])).sort((a, b) => a - b)
  modelVersion = (project: string, model: string, version: number) => this.storage.get({ kind: 'modelVersion', project, model, version: String(version) })
  modelAliases = (project: string, model: string) => this.storage.get({ kind: 'modelAliases', project, model })
}
