import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { FILES, paths } from '../../core/model/paths.js'
import { checkId, idParts, LIST_PARENTS, type ListKind, type ListOptions, type ListParent, type PutOptions, type RecordId, type RecordKind, type RecordTypes, type Storage } from '../../core/storage.js'
import { createJsonExclusive, writeJsonAtomic } from '../../core/storage-atomic.js'
import { withLock } from '../lock/file-lock.js'
import { readdirSync } from 'node:fs'
import { readJson, subfolders } from './file-store.js'

/** Where each record kind lives under root_dir: today's layout (src/core/model/paths.ts). */
export function recordFile(root: string, id: RecordId): string {
  switch (id.kind) {
    case 'project': return join(paths.project(root, id.project), FILES.project)
    case 'experiment': return join(paths.experiment(root, id.project, id.experiment), FILES.experiment)
    case 'execution': return join(paths.execution(root, id.project, id.experiment, id.execution), FILES.execution)
    case 'run': return join(paths.run(root, id.project, id.experiment, id.execution, id.run), FILES.run)
    case 'runMetrics': return join(paths.run(root, id.project, id.experiment, id.execution, id.run), FILES.metrics)
    case 'computation': return join(computationDir(root, id), FILES.computation)
    case 'computationMetrics': return join(computationDir(root, id), FILES.metrics)
    case 'results': return join(computationDir(root, id), FILES.results)
    case 'reevaluation': return join(reevaluationDir(root, id), FILES.reevaluation)
    case 'reevaluationMetrics': return join(reevaluationDir(root, id), FILES.metrics)
    case 'reevaluatedComputationMetrics': return join(reevaluationDir(root, id), 'computations', id.computation, FILES.metrics)
    case 'dataset': return join(paths.dataset(root, id.dataset), FILES.dataset)
    case 'datasetData': return join(paths.dataset(root, id.dataset), FILES.datasetData)
    case 'modelVersion': return join(paths.modelVersions(root, id.project, id.model), `${id.version}.json`)
    case 'modelAliases': return join(paths.model(root, id.project, id.model), FILES.modelAliases)
  }
}

const computationDir = (root: string, id: RecordId<'computation' | 'computationMetrics' | 'results'>) =>
  paths.computation(root, id.project, id.experiment, id.execution, id.run, id.computation)
const reevaluationDir = (root: string, id: RecordId<'reevaluation' | 'reevaluationMetrics' | 'reevaluatedComputationMetrics'>) =>
  paths.reevaluation(root, id.project, id.experiment, id.execution, id.run, id.reevaluation)

/** Records as JSON files under root_dir, written atomically (temp file + rename; exclusive: temp + link). */
export class FileStorage implements Storage {
  readonly uri: string

  constructor(readonly root: string) {
    this.uri = `file://${root}`
  }

  async get<K extends RecordKind>(id: RecordId<K>): Promise<RecordTypes[K] | undefined> {
    checkId(id)
    return readJson<RecordTypes[K]>(recordFile(this.root, id))
  }

  async put<K extends RecordKind>(id: RecordId<K>, value: RecordTypes[K], options: PutOptions = {}): Promise<boolean> {
    checkId(id)
    const file = recordFile(this.root, id)
    if (options.exclusive) return createJsonExclusive(file, value)
    await writeJsonAtomic(file, value)
    return true
  }

  async list<K extends ListKind>(kind: K, parent: ListParent<K>, options: ListOptions = {}): Promise<string[]> {
    checkId({ kind: `${kind} list`, ...parent }, LIST_PARENTS[kind])
    if (kind === 'modelVersion') {
      const p = parent as ListParent<'modelVersion'>
      return options.deleted ? [] : jsonNames(paths.modelVersions(this.root, p.project, p.model))
    }
    return subfolders(listDir(this.root, kind, parent as Record<string, string>, options.deleted === true))
  }

  /** Across processes: a lock file beside the record's folder. */
  async exclusively<T>(id: RecordId, fn: () => Promise<T>): Promise<T> {
    checkId(id)
    if (id.kind === 'modelVersion' || id.kind === 'modelAliases') {
      // In the project's .git: the work tree stays clean for native git.
      const lock = join(paths.project(this.root, id.project), '.git', `padre-model-${id.model}.lock`)
      return withLock(lock, fn, { what: `model '${id.model}'` })
    }
    const dir = dirname(recordFile(this.root, id))
    await mkdir(dirname(dir), { recursive: true })
    return withLock(`${dir}.lock`, fn, { what: `${id.kind} '${idParts(id).join('/')}'` })
  }
}

function listDir(root: string, kind: ListKind, p: Record<string, string>, deleted: boolean): string {
  if (deleted) {
    if (kind === 'project') return paths.trash(root, 'projects')
    if (kind === 'dataset') return paths.trash(root, 'datasets')
    if (kind === 'experiment') return paths.experimentTrash(root, p.project)
    return join(root, '.no-trash-for-this-kind')
  }
  switch (kind) {
    case 'project': return paths.projects(root)
    case 'experiment': return paths.experiments(root, p.project)
    case 'execution': return paths.executions(root, p.project, p.experiment)
    case 'run': return paths.runs(root, p.project, p.experiment, p.execution)
    case 'computation': return paths.computations(root, p.project, p.experiment, p.execution, p.run)
    case 'reevaluation': return paths.reevaluations(root, p.project, p.experiment, p.execution, p.run)
    case 'model': return paths.models(root, p.project)
    default: return paths.datasets(root)
  }
}

/** <n>.json files of a folder, as names without .json; a missing folder is an empty list. */
function jsonNames(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.json')).map((d) => d.name.slice(0, -5)).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}
