import type { EventBus } from '../../core/events.js'
import { FileStorage } from './file-storage.js'
import { StorageBackend } from './storage-backend.js'

/** Writes every record as JSON under the events' root_dir, through the file Storage. Subscribe it before any backend that reads the files. */
export class FileBackend {
  private readonly storages = new Map<string, FileStorage>()

  subscribe(bus: EventBus): void {
    new StorageBackend((root) => {
      let storage = this.storages.get(root)
      if (!storage) this.storages.set(root, (storage = new FileStorage(root)))
      return storage
    }).subscribe(bus)
  }
}
