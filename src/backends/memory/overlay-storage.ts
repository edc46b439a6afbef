import type { ListKind, ListOptions, ListParent, PutOptions, RecordId, RecordKind, RecordTypes, Storage } from '../../core/storage.js'
import { MemoryStorage } from './memory-storage.js'

/**
 * `--backend memory`: writes go to memory only; reads fall through to a store that is never
 * written (the configured one), so stored datasets, projects and experiments stay visible.
 */
export class OverlayStorage implements Storage {
  readonly uri: string
  readonly top = new MemoryStorage()

  constructor(private readonly below: Storage) {
    this.uri = `memory:// over ${below.uri} (read-only)`
  }

  async get<K extends RecordKind>(id: RecordId<K>): Promise<RecordTypes[K] | undefined> {
    return (await this.top.get(id)) ?? this.below.get(id)
  }

  async put<K extends RecordKind>(id: RecordId<K>, value: RecordTypes[K], options: PutOptions = {}): Promise<boolean> {
    if (options.exclusive && (await this.below.get(id)) !== undefined) return false
    return this.top.put(id, value, options)
  }

  async list<K extends ListKind>(kind: K, parent: ListParent<K>, options?: ListOptions): Promise<string[]> {
    const names = new Set([...(await this.below.list(kind, parent, options)), ...(await this.top.list(kind, parent, options))])
    return [...names].sort()
  }
}
