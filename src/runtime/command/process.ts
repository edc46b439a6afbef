import { spawn } from 'node:child_process'

export interface ProcessOutcome {
  /** The exit code, or null when a signal ended it. */
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  /** The program could not start (e.g. ENOENT). */
  spawnError?: NodeJS.ErrnoException
  /** The last lines of stderr, and of stdout. */
  stderr: string
  stdout: string
}

// Programs run in their own process group, so a terminal's Ctrl-C does not reach them: when padre exits
// (e.g. a second Ctrl-C during execute), it kills the groups still running rather than leave them orphaned.
const running = new Set<number>()
let exitHookInstalled = false
function killRunningOnExit(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => { for (const pid of running) killGroup(pid) })
}

const TAIL_LINES = 20
const TAIL_BYTES = 64 * 1024

/**
 * Runs argv without a shell in its own process group; the last lines of stdout and stderr are kept.
 * On timeout the whole group is killed (a script's own children included).
 */
export function runProcess(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutS?: number }): Promise<ProcessOutcome> {
  return new Promise((resolvePromise) => {
    let tail = ''
    let out = ''
    let timedOut = false
    let spawnError: NodeJS.ErrnoException | undefined
    const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    killRunningOnExit()
    if (child.pid !== undefined) running.add(child.pid)
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out += chunk
      if (out.length > TAIL_BYTES) out = out.slice(-TAIL_BYTES)
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      tail += chunk
      if (tail.length > TAIL_BYTES) tail = tail.slice(-TAIL_BYTES)
    })
    const timer = options.timeoutS === undefined ? undefined : setTimeout(() => {
      timedOut = true
      killGroup(child.pid)
    }, options.timeoutS * 1000)
    child.on('error', (error) => { spawnError = error })
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (child.pid !== undefined) running.delete(child.pid)
      resolvePromise({ code, signal, timedOut, ...(spawnError ? { spawnError } : {}), stderr: lastLines(tail, TAIL_LINES), stdout: lastLines(out, TAIL_LINES) })
    })
  })
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

export function lastLines(text: string, n: number): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/)
  return lines.slice(-n).join('\n')
}
