import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { acquireLock, withLock } from '../../src/backends/lock/file-lock.js'
import { currentOwner, formatOwner, isAlive } from '../../src/backends/lock/process-identity.js'

let dir: string
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'padre-lock-')) })
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A process that has ended: spawn one and wait for it to exit (and be reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'])
  await new Promise((resolve) => child.on('exit', resolve))
  return child.pid!
}

describe('the repository lock', () => {
  test('a lock whose owner died is broken at once', async () => {
    const file = join(dir, 'padre.lock')
    writeFileSync(file, `${await deadPid()} 12345\n`)
    const release = await acquireLock(file, { timeoutMs: 1000 })
    expect(readFileSync(file, 'utf8')).toBe(formatOwner(currentOwner()))
    release()
    expect(existsSync(file)).toBe(false)
  })

  test('a live pid with another start time (pid reused) is stale; this process with its own start time is not', () => {
    expect(isAlive(currentOwner())).toBe(true)
    expect(isAlive({ pid: process.pid, start: `${currentOwner().start}0` })).toBe(false)
    expect(isAlive({ pid: process.ppid, start: 'not-its-start' })).toBe(false)
  })

  test('a live owner is waited for, then the waiter gets the lock', async () => {
    const file = join(dir, 'padre.lock')
    const order: string[] = []
    let releaseFirst!: () => void
    const first = withLock(file, () => new Promise<void>((resolve) => { order.push('first in'); releaseFirst = () => { order.push('first out'); resolve() } }))
    while (!releaseFirst) await new Promise((r) => setImmediate(r))
    const second = withLock(file, () => { order.push('second in') })
    await new Promise((r) => setTimeout(r, 30))
    expect(order).toEqual(['first in'])
    releaseFirst()
    await Promise.all([first, second])
    expect(order).toEqual(['first in', 'first out', 'second in'])
  })

  test('many waiters on one stale lock: each holds it alone in turn', async () => {
    const file = join(dir, 'padre.lock')
    writeFileSync(file, `${await deadPid()} 1\n`)
    let inside = 0
    let most = 0
    await Promise.all(Array.from({ length: 12 }, () => withLock(file, async () => {
      most = Math.max(most, ++inside)
      await new Promise((r) => setImmediate(r))
      inside--
    })))
    expect(most).toBe(1)
    expect(existsSync(file)).toBe(false)
  })
})
