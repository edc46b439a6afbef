import { relative, sep } from 'node:path'
import { paths } from '../../core/model/paths.js'
import { checkId, describeId, type ListKind, type ListOptions, type ListParent, type PutOptions, type RecordId, type RecordKind, type RecordTypes, type Storage } from '../../core/storage.js'
import { FileStorage, recordFile } from '../file/file-storage.js'
import { GitBackend } from './git-backend.js'
import type { Person } from './objects.js'

/**
 * The file layout plus a commit per record write: a project record commits in the project
 * repository, an experiment creates its repository and links it as a submodule, and every record
 * below an experiment is one commit there plus one in the project moving the gitlink. Datasets are
 * files only (they live outside the repositories). Reads and lists are the file storage's.
 * The app records runs through the git backend's events instead (one commit per ended run).
 */
export class GitStorage implements Storage {
  readonly uri: string
  private readonly files: FileStorage
  private readonly git: GitBackend

  constructor(readonly root: string, author?: Partial<Person>) {
    this.uri = `git://${root}`
    this.files = new FileStorage(root)
    this.git = new GitBackend({ author })
  }

  get<K extends RecordKind>(id: RecordId<K>): Promise<RecordTypes[K] | undefined> {
    return this.files.get(id)
  }

  list<K extends ListKind>(kind: K, parent: ListParent<K>, options?: ListOptions): Promise<string[]> {
    return this.files.list(kind, parent, options)
  }

  exclusively<T>(id: RecordId, fn: () => Promise<T>): Promise<T> {
    return this.files.exclusively(id, fn)
  }

  async put<K extends RecordKind>(id: RecordId<K>, value: RecordTypes[K], options: PutOptions = {}): Promise<boolean> {
    checkId(id)
    const stored = await this.files.put(id, value, options)
    if (!stored) return false
    const r = id as RecordId
    if (r.kind === 'dataset' || r.kind === 'datasetData') return true
    if (r.kind === 'project') {
      await this.git.createProject(paths.project(this.root, r.project))
      return true
    }
    if (r.kind === 'experiment') {
      await this.git.createExperiment(this.root, r.project, r.experiment)
      return true
    }
    if (r.kind === 'modelVersion' || r.kind === 'modelAliases') {
      const file = relative(paths.project(this.root, r.project), recordFile(this.root, r)).split(sep).join('/')
      await this.git.recordModel(this.root, r.project, [file], `store ${describeId(r)}\n`)
      return true
    }
    const dir = paths.experiment(this.root, r.project, r.experiment)
    const file = relative(dir, recordFile(this.root, r)).split(sep).join('/')
    const what = describeId(r)
    await this.git.commitExperiment(this.root, r.project, r.experiment, [file], `store ${what}\n`, `experiment ${r.experiment}: store ${what}`)
    return true
  }
}
