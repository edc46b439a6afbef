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
  return `${encodeURIComponent(ref.path)}/${ref.producer}/${ref.sha256}`
}

/** A url as the user wrote it: `s3://bucket/prefix` or a directory path. */
export function parseRemoteUrl(url: string): { kind: 's3'; bucket: string; prefix: string } | { kind: 'dir'; path: string } {
  if (/^s3:\/\//i.test(url)) {
    const rest = url.slice(5)
    const slash = rest.indexOf('/')
    const bucket = slash < 0 ? rest : rest.slice(0, slash)
    const prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, '')
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new InvalidInputError(`'${url}' does not name a valid S3 bucket (3-63 lowercase letters, digits, '.' or '-'): use s3://bucket/prefix.`)
    return { kind: 's3', bucket, prefix }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new InvalidInputError(`'${url}': artifact remotes are a directory path or s3://bucket/prefix.`)
  if (url.trim() === '') throw new InvalidInputError('an artifact remote needs a url: a directory path or s3://bucket/prefix.')
  return { kind: 'dir', path: url }
}
