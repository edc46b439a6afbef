import { createInterface, type Interface } from 'node:readline'
import { complete } from './complete.js'
import { appendHistory, HISTORY_SIZE, loadHistory } from './history.js'
import { promptText } from './prompt-text.js'
import { runLine, type LineContext } from './run-line.js'

export interface ReplOptions {
  historyFile: string
  banner: string
}

/**
 * The interactive loop. Each line gets its own readline (sharing one history), closed while the
 * command runs: the terminal is then in cooked mode, so Ctrl-C arrives as SIGINT and aborts the
 * command's AbortController, and prompts (inquirer, $EDITOR) own the terminal alone.
 */
/**
 * Lines typed ahead or pasted (several arrive in one chunk, or wait in the terminal while a command
 * runs) are queued and run in order, each shown after its own prompt.
 * Returns the exit code of the shell: 0 (exit, quit, Ctrl-D).
 */
export async function repl(ctx: LineContext, options: ReplOptions): Promise<number> {
  let history = loadHistory(options.historyFile)
  const queue: string[] = []
  let partial = ''
  let ended = false
  let running: AbortController | undefined
  ctx.onRunning = (controller) => { running = controller }
  const onSigint = () => {
    if (!running) return
    if (running.signal.aborted) process.exit(130)
    running.abort()
    process.stderr.write('\nStopping after the current step (Ctrl-C again to quit now)...\n')
  }
  process.on('SIGINT', onSigint)
  process.stdout.write(options.banner)
  try {
    for (;;) {
      let line = queue.shift()
      if (line !== undefined) {
        process.stdout.write(`${promptText(ctx.session.scope)}${line}\n`)
      } else {
        if (ended) {
          process.stdout.write('\n')
          break
        }
        const read = await readLines(promptText(ctx.session.scope), history, partial, (text) => complete({ config: ctx.config, app: ctx.session.app, scope: ctx.session.scope }, text))
        history = read.history
        partial = read.partial
        ended = read.ended
        line = read.lines.shift()
        queue.push(...read.lines)
        if (line === undefined) continue
      }
      appendHistory(options.historyFile, line)
      const result = await runLine(ctx, line)
      if (result.leave) break
    }
  } finally {
    process.removeListener('SIGINT', onSigint)
    ctx.onRunning = undefined
  }
  return 0
}

type Completer = (line: string) => Promise<[string[], string]>

interface Read {
  /** Every complete line that arrived before the readline closed: the first one typed, then any typed ahead. */
  lines: string[]
  /** Text after the last newline, put back on the next prompt. */
  partial: string
  history: string[]
  /** Ctrl-D or end of input. */
  ended: boolean
}

/**
 * Lines from the terminal. The readline closes once the chunk holding the first line has been
 * handled (setImmediate), so that the other lines of a paste are collected rather than dropped.
 */
function readLines(prompt: string, history: string[], partial: string, completer: Completer): Promise<Read> {
  return new Promise((resolve) => {
    let latest = history
    const lines: string[] = []
    let ended = false
    const rl = createInterface({
      input: process.stdin, output: process.stdout, terminal: true, prompt,
      history: [...history], historySize: HISTORY_SIZE, removeHistoryDuplicates: true, tabSize: 2,
      completer: (line: string, callback: (error: Error | null, result: [string[], string]) => void) => {
        completer(line).then((r) => callback(null, r), () => callback(null, [[], line]))
      },
    }) as Interface & { history: string[]; line: string; clearLine(): void }
    rl.on('history', (h: string[]) => { latest = h })
    rl.on('SIGINT', () => {
      // Like a shell: show ^C after what was typed, forget it, prompt again.
      rl.write('', { ctrl: true, name: 'e' })
      process.stdout.write('^C')
      rl.clearLine()
      rl.prompt()
    })
    let closing = false
    rl.on('line', (line) => {
      lines.push(line)
      if (closing) return
      closing = true
      setImmediate(() => {
        const rest = rl.line
        rl.close()
        resolve({ lines, partial: rest, history: latest, ended })
      })
    })
    rl.once('close', () => {
      ended = !closing
      if (!closing) resolve({ lines, partial: '', history: latest, ended: true })
    })
    rl.prompt()
    if (partial) rl.write(partial)
  })
}
