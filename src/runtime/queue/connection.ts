import { BackendError, InvalidInputError } from '../../core/errors.js'

export interface RedisConnection {
  host?: string
  port?: number
  path?: string
  db?: number
  username?: string
  password?: string
  tls?: Record<string, never>
}

/** redis://[user:password@]host[:port][/db], rediss://… (TLS), or unix:///path/to/redis.sock. */
export function parseQueueUrl(url: string): RedisConnection {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new InvalidInputError(`--queue '${url}' is not a URL: write redis://host:6379 (or unix:///path/to/redis.sock).`)
  }
  if (parsed.protocol === 'unix:') return { path: decodeURIComponent(parsed.pathname) }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InvalidInputError(`--queue '${url}' is not a Redis URL: write redis://host:6379, rediss://… or unix:///path/to/redis.sock.`)
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined
  if (db !== undefined && !Number.isInteger(db)) throw new InvalidInputError(`--queue '${url}': the database after the host must be a number, e.g. redis://host:6379/0.`)
  return {
    host: parsed.hostname || 'localhost', port: parsed.port ? Number(parsed.port) : 6379,
    ...(db !== undefined ? { db } : {}),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  }
}

/** Where a URL points, for messages: never its password. */
export function describeQueue(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//')
}

/** Fails in one line when Redis cannot be reached, instead of waiting for ever. */
export async function checkReachable(url: string, connection: RedisConnection): Promise<void> {
  const { Redis } = await import('ioredis')
  const client = new Redis({ ...connection, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000 })
  client.on('error', () => {}) // reported below, once
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    throw new BackendError(`Cannot reach Redis at ${describeQueue(url)}: ${(error as Error).message.replace(/\.+$/, '')}. Start redis-server there, or fix --queue.`)
  } finally {
    client.disconnect()
  }
}
