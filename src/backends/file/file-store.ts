import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FILES, paths } from '../../core/model/paths.js'
import type {
  ComputationMetrics, ComputationRecord, DatasetRecord, ExecutionRecord, ExperimentRecord,
  ProjectRecord, ResultsFile, RunMetrics, RunRecord,
} from '../../core/model/types.js'
import type { ReevaluationRecord } from '../../core/model/types.js'
import type { DatasetData } from '../../core/events.js'
import type { ModelAliasesRecord, ModelVersionRecord } from '../../core/models/registry.js'

/** Reads what the file backend wrote. Every lookup goes straight to its path; lists read one level. */
export class FileStore {
  constructor(readonly root: string) {}

  projectNames = () => subfolders(paths.projects(this.root))
  experimentNames = (p: string) => subfolders(paths.experiments(this.root, p))
  executionVersions = (p: string, e: string) => subfolders(paths.executions(this.root, p, e))
  runNames = (p: string, e: string, v: string) => subfolders(paths.runs(this.root, p, e, v))
  computationNames = (p: string, e: string, v: string, r: string) => subfolders(paths.computations(this.root, p, e, v, r))
  datasetNames = () => subfolders(paths.datasets(this.root))
  deletedDatasetNames = () => subfolders(paths.trash(this.root, 'datasets'))
  deletedProjectNames = () => subfolders(paths.trash(this.root, 'projects'))
  deletedExperimentNames = (p: string) => subfolders(paths.experimentTrash(this.root, p))

  project = (p: string) => readJson<ProjectRecord>(join(paths.project(this.root, p), FILES.project))
  experiment = (p: string, e: string) => readJson<ExperimentRecord>(join(paths.experiment(this.root, p, e), FILES.experiment))
  execution = (p: string, e: string, v: string) => readJson<ExecutionRecord>(join(paths.execution(this.root, p, e, v), FILES.execution))
  run = (p: string, e: string, v: string, r: string) => readJson<RunRecord>(join(paths.run(this.root, p, e, v, r), FILES.run))
  reevaluationNames = (p: string, e: string, v: string, r: string) => subfolders(paths.reevaluations(this.root, p, e, v, r))
  /** The newest view: the last reevaluation's metrics (padre metric reevaluate) when there is one, else the run's own. */
  runMetrics = async (p: string, e: string, v: string, r: string) => {
    const latest = (await this.reevaluationNames(p, e, v, r)).at(-1)
    return readJson<RunMetrics>(join(latest ? paths.reevaluation(this.root, p, e, v, r, latest) : paths.run(this.root, p, e, v, r), FILES.metrics))
  }
  reevaluation = (p: string, e: string, v: string, r: string, name: string) =>
    readJson<ReevaluationRecord>(join(paths.reevaluation(this.root, p, e, v, r, name), FILES.reevaluation))
  reevaluatedComputationMetrics = (p: string, e: string, v: string, r: string, name: string, c: string) =>
    readJson<ComputationMetrics>(join(paths.reevaluation(this.root, p, e, v, r, name), 'computations', c, FILES.metrics))
  computation = (p: string, e: string, v: string, r: string, c: string) =>
    readJson<ComputationRecord>(join(paths.computation(this.root, p, e, v, r, c), FILES.computation))
  computationMetrics = (p: string, e: string, v: string, r: string, c: string) =>
    readJson<ComputationMetrics>(join(paths.computation(this.root, p, e, v, r, c), FILES.metrics))
  results = (p: string, e: string, v: string, r: string, c: string) =>
    readJson<ResultsFile>(join(paths.computation(this.root, p, e, v, r, c), FILES.results))
  dataset = (name: string) => readJson<DatasetRecord>(join(paths.dataset(this.root, name), FILES.dataset))
  datasetData = (name: string) => readJson<DatasetData>(join(paths.dataset(this.root, name), FILES.datasetData))
  modelNames = (p: string) => subfolders(paths.models(this.root, p))
  /** The registered versions of a model, ascending. */
  modelVersionNumbers = async (p: string, name: string) => (await files(paths.modelVersions(this.root, p, name)))
    .flatMap((f) => (/^[1-9]\d*\.json$/.test(f) ? [Number(f.slice(0, -5))] : [])).sort((a, b) => a - b)
  modelVersion = (p: string, name: string, version: number) => readJson<ModelVersionRecord>(join(paths.modelVersions(this.root, p, name), `${version}.json`))
  modelAliases = (p: string, name: string) => readJson<ModelAliasesRecord>(join(paths.model(this.root, p, name), FILES.modelAliases))
}

/** File names in a folder; a missing folder is an empty list. */
async function files(dir: string): Promise<string[]> {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

// Reads are synchronous on purpose: a list reads a thousand small files, and the promise API's
// thread-pool round trips made that ten times slower.

/** Folder names, sorted; a missing folder is an empty list. Temp files and dot-folders are skipped. */
export async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = readdirSync(dir, { withFileTypes: true })
    return entries.filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** undefined when the file does not exist. */
export async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return JSON.parse(text) as T
}
