import { parseRemoteUrl } from '../../core/artifacts/remote-url.js'
import { DirRemote } from './remote-dir.js'
import type { ArtifactRemote } from './remote.js'

/** The remote a url names: a directory, or an S3 prefix (whose SDK loads only when it is used). */
export async function openRemote(url: string, options: { endpoint?: string; region?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ArtifactRemote> {
  const parsed = parseRemoteUrl(url)
  if (parsed.kind === 'dir') return new DirRemote(parsed.path)
  const { S3Remote } = await import('./remote-s3.js')
  return new S3Remote(url, { bucket: parsed.bucket, prefix: parsed.prefix, ...options })
}
