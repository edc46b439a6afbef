import type { S3Client } from '@aws-sdk/client-s3'
import { BackendError, ConfigError, PadreError } from '../../core/errors.js'
import type { ArtifactRemote } from './remote.js'

export interface S3RemoteOptions {
  bucket: string
  prefix: string
  /** An S3-compatible server's url; else AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL; else AWS itself. */
  endpoint?: string
  region?: string
  env?: NodeJS.ProcessEnv
}

/**
 * An S3 prefix, through the real AWS SDK (loaded only here). Credentials come from the SDK's default
 * chain (environment, AWS profile); padre never stores them. Each object is one PutObject, which S3
 * makes visible whole or not at all; existence is checked first (some servers ignore If-None-Match).
 */
export class S3Remote implements ArtifactRemote {
  private client?: Promise<{ s3: S3Client; sdk: typeof import('@aws-sdk/client-s3') }>
  readonly endpoint?: string

  constructor(readonly url: string, private readonly options: S3RemoteOptions) {
    const env = options.env ?? process.env
    this.endpoint = options.endpoint || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined
  }

  private where(): string { return this.endpoint ? `${this.url} (endpoint ${this.endpoint})` : this.url }

  private full(key: string): string { return this.options.prefix ? `${this.options.prefix}/${key}` : key }

  private connect() {
    // The pinned SDK (see package.json) warns on every process that Node 20 support ends in 2027: padre's users cannot act on it.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
    return (this.client ??= import('@aws-sdk/client-s3').then((sdk) => {
      const env = this.options.env ?? process.env
      const s3 = new sdk.S3Client({
        region: this.options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
        ...(this.endpoint ? { endpoint: this.endpoint, forcePathStyle: true } : {}),
        // With the defaults a custom endpoint can hand back a streamed body altered without an error: padre hashes every object itself.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 5000, requestTimeout: 60000 },
      })
      return { s3, sdk }
    }))
  }

  async keys(): Promise<Set<string>> {
    const { s3, sdk } = await this.connect()
    const root = this.options.prefix ? `${this.options.prefix}/` : ''
    const keys = new Set<string>()
    let token: string | undefined
    do {
      const page = await this.call(() => s3.send(new sdk.ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: root, ContinuationToken: token })))
      for (const o of page.Contents ?? []) if (o.Key) keys.add(o.Key.slice(root.length))
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return keys
  }

  async has(key: string): Promise<boolean> {
    const { s3, sdk } = await this.connect()
    try {
      await s3.send(new sdk.HeadObjectCommand({ Bucket: this.options.bucket, Key: this.full(key) }))
      return true
    } catch (error) {
      if (status(error) === 404) return false
      throw this.explain(error)
    }
  }

  async put(key: string, content: Buffer): Promise<boolean> {
    if (await this.has(key)) return false
    const { s3, sdk } = await this.connect()
    try {
      // If-None-Match makes S3 itself refuse a replacement that races this check (servers that ignore it still had the check).
      await s3.send(new sdk.PutObjectCommand({ Bucket: this.options.bucket, Key: this.full(key), Body: content, ContentLength: content.byteLength, IfNoneMatch: '*' }))
      return true
    } catch (error) {
      if (status(error) === 412 || name(error) === 'PreconditionFailed') return false
      throw this.explain(error)
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    const { s3, sdk } = await this.connect()
    try {
      const out = await s3.send(new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key: this.full(key) }))
      return Buffer.from(await out.Body!.transformToByteArray())
    } catch (error) {
      if (name(error) === 'NoSuchKey') return undefined
      throw this.explain(error)
    }
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try { return await request() } catch (error) { throw this.explain(error) }
  }

  /** One line a person can act on, for each way S3 says no. */
  explain(error: unknown): PadreError {
    if (error instanceof PadreError) return error
    const n = name(error)
    const code = (error as { code?: string }).code ?? ''
    const message = (error as Error).message ?? String(error)
    if (n === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
      return new ConfigError(`no AWS credentials for ${this.url}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE); padre never stores them.`)
    }
    if (n === 'NoSuchBucket') return new BackendError(`bucket '${this.options.bucket}' does not exist at ${this.where()}: create it or fix the remote's url.`)
    if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'InvalidToken', 'ExpiredToken'].includes(n) || status(error) === 403) {
      return new BackendError(`${this.where()} refused the credentials (${n || 'HTTP 403'}): check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or AWS_PROFILE.`)
    }
    const network = NETWORK.exec([code, n, (error as { cause?: { code?: string } }).cause?.code ?? '', message].join(' '))?.[0]
    if (network) return new BackendError(`cannot reach ${this.where()} (${network}): check the endpoint and the network, or use --offline to work locally.`)
    return new BackendError(`S3 request to ${this.where()} failed: ${n ? `${n}: ` : ''}${message.split('\n')[0]}`)
  }
}

const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|TimeoutError/

function name(error: unknown): string { return (error as { name?: string; Code?: string }).Code ?? (error as { name?: string }).name ?? '' }
function status(error: unknown): number | undefined { return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode }
