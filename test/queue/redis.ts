import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A real redis-server (Debian's package) on a unix socket in a temp folder: no port to clash over. */
export interface RedisServer {
  url: string
  socket: string
  stop(): Promise<void>
}

export async function startRedis(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'padre-redis-'))
  const socket = join(dir, 'redis.sock')
  const child = spawn('redis-server', ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' })
  for (let i = 0; i < 200 && !ready(socket); i++) await new Promise((r) => setTimeout(r, 25))
  if (!ready(socket)) throw new Error('redis-server did not start (is the redis-server package installed?)')
  return { url: `unix://${socket}`, socket, stop: () => stopChild(child) }
}

function ready(socket: string): boolean {
  return existsSync(socket) && spawnSync('redis-cli', ['-s', socket, 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG'
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}
