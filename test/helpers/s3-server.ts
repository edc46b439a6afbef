import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'

export interface S3Server {
  endpoint: string
  /** Where s3rver keeps the objects: `<dir>/<bucket>/<key>._S3rver_object`. */
  dir: string
  objectFile(bucket: string, key: string): string
  close(): Promise<void>
}

/** A real S3 API (s3rver) on a free loopback port, with the bucket padre-test; credentials S3RVER / S3RVER. */
export async function startS3Server(buckets = ['padre-test']): Promise<S3Server> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver')
  const dir = mkdtempSync(join(tmpdir(), 'padre-s3rver-'))
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: buckets.map((name) => ({ name })) })
  const address = (await server.run()) as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    dir,
    objectFile: (bucket, key) => {
      const parts = key.split('/')
      const last = parts.pop()
      return join(dir, bucket, ...parts, `${last}._S3rver_object`)
    },
    close: async () => {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Sets the S3RVER credentials in this process's environment; returns a function that restores the old values. */
export function useS3Credentials(id = 'S3RVER', secret = 'S3RVER'): () => void {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY }
  process.env.AWS_ACCESS_KEY_ID = id
  process.env.AWS_SECRET_ACCESS_KEY = secret
  return () => {
    for (const [k, v] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}
