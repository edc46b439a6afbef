import { checkId, idParts, LIST_PARENTS, type ListKind, type ListOptions, type ListParent, type PutOptions, type RecordId, type RecordKind, type RecordTypes, type Storage } from '../../core/storage.js'

/** Which id kind makes a name appear in a list of each listable kind. */
const LISTED_BY: Record<ListKind, readonly RecordKind[]> = {
  project: ['project'],
  experiment: ['experiment'],
  execution: ['execution'],
  run: ['run', 'runMetrics'],
  computation: ['computation', 'computationMetrics', 'results'],
  reevaluation: ['reevaluation', 'reevaluationMetrics', 'reevaluatedComputationMetrics'],
  dataset: ['dataset', 'datasetData'],
  model: ['modelVersion', 'modelAliases'],
  modelVersion: ['modelVersion'],
}
const MODEL_KINDS: readonly RecordKind[] = LISTED_BY.model

/**
 * The reference implementation: a Map in this process, nothing on disk. Values are copied in and
 * out (as JSON, like the file backend), so a caller changing an object afterwards changes nothing stored.
 */
export class MemoryStorage implements Storage {
  readonly uri = 'memory://'
  private readonly records = new Map<string, string>()
  /** Child names per parent: `<list kind>\0<parent parts>` → names. */
  private readonly children = new Map<string, Set<string>>()
  private readonly locks = new Map<string, Promise<void>>()

  async get<K extends RecordKind>(id: RecordId<K>): Promise<RecordTypes[K] | undefined> {
    checkId(id)
    const text = this.records.get(key(id.kind, idParts(id)))
    return text === undefined ? undefined : JSON.parse(text) as RecordTypes[K]
  }

  async put<K extends RecordKind>(id: RecordId<K>, value: RecordTypes[K], options: PutOptions = {}): Promise<boolean> {
    checkId(id)
    const k = key(id.kind, idParts(id))
    if (options.exclusive && this.records.has(k)) return false
    this.records.set(k, JSON.stringify(value))
    this.index(id)
    return true
  }

  async list<K extends ListKind>(kind: K, parent: ListParent<K>, options: ListOptions = {}): Promise<string[]> {
    checkId({ kind: `${kind} list`, ...parent }, LIST_PARENTS[kind])
    if (options.deleted) return []
    const parts = (LIST_PARENTS[kind] as readonly string[]).map((f) => (parent as Record<string, string>)[f])
    return [...(this.children.get(key(kind, parts)) ?? [])].sort()
  }

  /** One writer of a record at a time, in this process (memory is not shared with others). */
  async exclusively<T>(id: RecordId, fn: () => Promise<T>): Promise<T> {
    checkId(id)
    const k = key(id.kind, idParts(id))
    const before = this.locks.get(k) ?? Promise.resolve()
    let release!: () => void
    const mine = new Promise<void>((resolve) => { release = resolve })
    const tail = before.then(() => mine)
    this.locks.set(k, tail)
    await before
    try {
      return await fn()
    } finally {
      release()
      if (this.locks.get(k) === tail) this.locks.delete(k)
    }
  }

  /** Every level above the record gets the record's ancestors as children, as folders do on disk. */
  private index(id: RecordId): void {
    const parts = idParts(id)
    for (const [kind, parents] of Object.entries(LIST_PARENTS) as Array<[ListKind, readonly string[]]>) {
      const depth = parents.length
      if (!this.sharesPath(kind, id.kind) || parts.length <= depth) continue
      const k = key(kind, parts.slice(0, depth))
      let names = this.children.get(k)
      if (!names) this.children.set(k, (names = new Set()))
      names.add(parts[depth])
    }
  }

  /** A run id makes its run (and experiment, execution, project) listed; a dataset only datasets. */
  private sharesPath(list: ListKind, kind: RecordKind): boolean {
    if (list === 'dataset') return LISTED_BY.dataset.includes(kind)
    if (LISTED_BY.dataset.includes(kind)) return false
    if (list === 'model' || list === 'modelVersion') return LISTED_BY[list].includes(kind)
    if (MODEL_KINDS.includes(kind)) return list === 'project'
    if (list === 'computation') return kind === 'computation' || kind === 'computationMetrics' || kind === 'results'
    if (list === 'reevaluation') return LISTED_BY.reevaluation.includes(kind)
    return true
  }
}

const key = (kind: string, parts: string[]) => `${kind}\u0000${parts.join('\u0000')}`
