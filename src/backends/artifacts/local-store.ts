import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { link, mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ArtifactStore } from '../../core/artifacts/types.js'
import { BackendError, NotFoundError } from '../../core/errors.js'

let counter = 0
const HASH = /^[0-9a-f]{64}$/

export function sha256(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex')
}

/** <root>/artifacts/sha256/<2 hex>/<62 hex>: stored once, never overwritten, verified on every read. */
export class LocalArtifactStore implements ArtifactStore {
  readonly dir: string
  constructor(root: string) { this.dir = join(root, 'artifacts', 'sha256') }

  path(hash: string): string {
    if (!HASH.test(hash)) throw new BackendError(`'${hash}' is not a SHA-256 hash (64 lowercase hex digits).`)
    return join(this.dir, hash.slice(0, 2), hash.slice(2))
  }

  has(hash: string): boolean { return existsSync(this.path(hash)) }

  /** Temp file + hard link: a reader sees the whole object or none; an existing object is never replaced. */
  async put(content: Uint8Array): Promise<{ sha256: string; size: number }> {
    const hash = sha256(content)
    const file = this.path(hash)
    if (existsSync(file)) return { sha256: hash, size: content.byteLength }
    await mkdir(dirname(file), { recursive: true })
    const temp = `${file}.${process.pid}.${++counter}.tmp`
    try {
      await writeFile(temp, content)
      await link(temp, file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    } finally {
      await rm(temp, { force: true })
    }
    return { sha256: hash, size: content.byteLength }
  }

  async get(hash: string): Promise<Buffer> {
    let content: Buffer
    try {
      content = readFileSync(this.path(hash))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`artifact ${hash.slice(0, 12)} is not in ${this.dir}. Run 'padre artifact pull' to fetch it from a remote.`)
      }
      throw error
    }
    const actual = sha256(content)
    if (actual !== hash) throw new BackendError(`artifact ${hash.slice(0, 12)} is corrupted on disk (its content hashes to ${actual.slice(0, 12)}). Delete ${this.path(hash)} and run 'padre artifact pull' to fetch a good copy.`)
    return content
  }

  async list(): Promise<string[]> {
    const hashes: string[] = []
    for (const prefix of safeReaddir(this.dir)) {
      for (const rest of safeReaddir(join(this.dir, prefix))) {
        const hash = prefix + rest
        if (HASH.test(hash)) hashes.push(hash)
      }
    }
    return hashes.sort()
  }
}

function safeReaddir(dir: string): string[] {
  try { return readdirSync(dir) } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}
