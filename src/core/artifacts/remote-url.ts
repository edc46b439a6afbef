import { InvalidInputError } from '../errors.js'

export type RemoteUrl = { kind: 's3'; bucket: string; prefix: string } | { kind: 'dir'; path: string }

/** Pure: an artifact remote's url as the user wrote it, `s3://bucket/prefix` or a directory path. */
export function parseRemoteUrl(url: string): RemoteUrl {
  if (/^s3:\/\//i.test(url)) {
    const rest = url.slice(5)
    const slash = rest.indexOf('/')
    const bucket = slash < 0 ? rest : rest.slice(0, slash)
    const prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, '')
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new InvalidInputError(`'${url}' does not name a valid S3 bucket (3-63 lowercase letters, digits, '.' or '-'): use s3://bucket/prefix.`)
    return { kind: 's3', bucket, prefix }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new InvalidInputError(`'${url}': an artifact remote is a directory path or s3://bucket/prefix.`)
  if (url.trim() === '') throw new InvalidInputError('an artifact remote needs a url: a directory path or s3://bucket/prefix.')
  return { kind: 'dir', path: url }
}
