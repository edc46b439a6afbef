import type { ArtifactRef } from '../../core/artifacts/types.js'
import { InvalidInputError } from '../../core/errors.js'

/**
 * Where artifacts go when they leave this machine: a directory or an S3 prefix, one object per
 * `<url-encoded output path>/<producer hash>/<content hash>`. An object, once there, is never replaced.
 */
export interface ArtifactRemote {
  /** The remote's url, for messages. */
  readonly url: string
  /** Every object key below the remote's root (one listing, so a push checks a thousand refs in one go). */
  keys(): Promise<Set<string>>
  has(key: string): Promise<boolean>
  /** Writes the object unless it exists; a reader never sees part of it. false when it was already there. */
  put(key: string, content: Buffer): Promise<boolean>
  /** The object's bytes, unchecked (the caller verifies the hash); undefined when it is missing. */
  get(key: string): Promise<Buffer | undefined>
}

const HASH = /^[0-9a-f]{64}$/
const PRODUCER = /^[A-Za-z0-9._-]{1,128}$/

/** The object key of a ref: the same on every remote. */
export function remoteKey(ref: ArtifactRef): string {
  if (!HASH.test(ref.sha256)) throw new InvalidInputError(`artifact '${ref.path}' has no valid SHA-256 ('${ref.sha256}'); its computation record is damaged.`)
  if (!PRODUCER.test(ref.producer) || ref.producer === '.' || ref.producer === '..') {
    throw new InvalidInputError(`artifact '${ref.path}' has an unusable producer '${ref.producer}' (letters, digits, '.', '_' and '-' only); its computation record is damaged.`)
  }
  if (ref.path === '') throw new InvalidInputError(`artifact ${ref.sha256.slice(0, 12)} has an empty path; its computation record is damaged.`)
  // A leading '.' is encoded too: '.' and '..' must not climb out of a directory remote, and dot-names are hidden there.
  return `${encodeURIComponent(ref.path).replace(/^\./, '%2E')}/${ref.producer}/${ref.sha256}`
}
