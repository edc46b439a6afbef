import { readFileSync } from 'node:fs'

/**
 * A process named so that a reused pid is not mistaken for it: its pid plus its start time
 * (Linux: field 22 of /proc/<pid>/stat, clock ticks since boot; elsewhere only the pid is known).
 */
export interface Owner { pid: number; start: string }

function startOf(pid: number | 'self'): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (fields[0] === 'Z' || fields[0] === 'X') return 'dead' // killed, not yet reaped by its parent
    return fields[19]
  } catch {
    return undefined
  }
}

let self: Owner | undefined

export function currentOwner(): Owner {
  return (self ??= { pid: process.pid, start: startOf('self') ?? '-' })
}

/** Is the process that wrote `owner` still running (same pid and same start time)? */
export function isAlive(owner: Owner): boolean {
  if (owner.pid === process.pid) return owner.start === currentOwner().start
  try {
    process.kill(owner.pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  if (owner.start === '-') return true
  const start = startOf(owner.pid)
  return start === undefined ? process.platform !== 'linux' : start === owner.start
}

export function formatOwner(owner: Owner): string {
  return `${owner.pid} ${owner.start}\n`
}

export function parseOwner(text: string): Owner | undefined {
  const m = /^(\d+) (\S+)\n?$/.exec(text)
  return m ? { pid: Number(m[1]), start: m[2] } : undefined
}
