import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { BackendError } from '../../core/errors.js'
import { currentOwner, formatOwner, isAlive, parseOwner } from './process-identity.js'

/**
 * An exclusive lock file holding its owner's pid and start time. A waiter that finds the owner
 * dead (killed, crashed, pid reused by another program) breaks the lock at once, so a killed padre
 * never blocks the others; a live owner is waited for. See notes/reliability.md for why this and
 * not proper-lockfile (whose staleness is an mtime refreshed by a timer).
 */

export interface LockOptions {
  /** Give up after this long (default 120 s). */
  timeoutMs?: number
  /** Called with the dead owner's lock time when a stale lock is broken, before it is taken over. */
  onStale?: (lockedAtMs: number) => void
  /** What is locked, for the error message. */
  what?: string
}

/** A lock file whose owner line is missing (killed between create and write) is stale after this. */
const EMPTY_STALE_MS = 5_000

function tryCreate(file: string): boolean {
  let fd: number
  try {
    fd = openSync(file, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    writeSync(fd, formatOwner(currentOwner()))
  } catch (error) {
    closeSync(fd)
    try { unlinkSync(file) } catch { /* gone */ }
    throw error
  } finally {
    try { closeSync(fd) } catch { /* closed */ }
  }
  return true
}

function readLock(file: string): { text: string; mtimeMs: number } | undefined {
  try {
    const mtimeMs = statSync(file).mtimeMs
    return { text: readFileSync(file, 'utf8'), mtimeMs }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function isStale(lock: { text: string; mtimeMs: number }): boolean {
  const owner = parseOwner(lock.text)
  if (!owner) return Date.now() - lock.mtimeMs > EMPTY_STALE_MS
  return !isAlive(owner)
}

/**
 * Remove `file` if it still holds exactly the stale content seen. A second lock file (`.break`)
 * serialises breakers, so two waiters never both break and one delete the other's fresh lock.
 */
function breakStale(file: string, seen: { text: string; mtimeMs: number }, onStale?: (ms: number) => void): void {
  const breaker = `${file}.break`
  if (!tryCreate(breaker)) {
    const held = readLock(breaker)
    if (held && isStale(held)) {
      try { unlinkSync(breaker) } catch { /* another breaker did */ }
    }
    return
  }
  try {
    const now = readLock(file)
    if (now && now.text === seen.text && now.mtimeMs === seen.mtimeMs) {
      onStale?.(seen.mtimeMs)
      unlinkSync(file)
    }
  } finally {
    try { unlinkSync(breaker) } catch { /* gone */ }
  }
}

export async function acquireLock(file: string, options: LockOptions = {}): Promise<() => void> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000)
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    if (tryCreate(file)) return () => releaseLock(file)
    const held = readLock(file)
    if (!held) continue
    if (isStale(held)) {
      breakStale(file, held, options.onStale)
      continue
    }
    if (Date.now() > deadline) {
      const owner = parseOwner(held.text)
      throw new BackendError(`${options.what ?? file} is locked by padre process ${owner?.pid ?? '?'}, still running after ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s`, [
        `Wait for that process to finish (or stop it); its lock ${file} is removed as soon as it is not running.`,
      ])
    }
    await sleep(wait + Math.random() * wait)
  }
}

function releaseLock(file: string): void {
  const held = readLock(file)
  if (held && held.text === formatOwner(currentOwner())) {
    try { unlinkSync(file) } catch { /* gone */ }
  }
}

export async function withLock<T>(file: string, fn: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const release = await acquireLock(file, options)
  try {
    return await fn()
  } finally {
    release()
  }
}
