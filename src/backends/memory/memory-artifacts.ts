import type { ArtifactStore } from '../../core/artifacts/types.js'
import { NotFoundError } from '../../core/errors.js'
import { sha256 as hashOf } from '../artifacts/local-store.js'

/** Artifacts of a throwaway run (--backend memory): kept in this process only, nothing on disk. */
export class MemoryArtifactStore implements ArtifactStore {
  private readonly blobs = new Map<string, Buffer>()

  async put(content: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = hashOf(content)
    if (!this.blobs.has(sha256)) this.blobs.set(sha256, Buffer.from(content))
    return { sha256, size: content.byteLength }
  }

  async get(sha256: string): Promise<Buffer> {
    const blob = this.blobs.get(sha256)
    if (!blob) throw new NotFoundError(`artifact ${sha256.slice(0, 12)} is not in this process's memory store.`)
    return Buffer.from(blob)
  }

  has(sha256: string): boolean { return this.blobs.has(sha256) }

  async list(): Promise<string[]> { return [...this.blobs.keys()].sort() }
}
