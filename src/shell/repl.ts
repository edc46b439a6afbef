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
/** Returns the exit code of the shell: 0 (exit, quit, Ctrl-D). */
export async function repl(ctx: LineContext, options: ReplOptions): Promise<number> {
  let history = loadHistory(options.historyFile)
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
      const read = await readLine(promptText(ctx.session.scope), history, (line) => complete({ config: ctx.config, app: ctx.session.app, scope: ctx.session.scope }, line))
      history = read.history
      if (read.line === undefined) {
        process.stdout.write('\n')
        break
      }
      appendHistory(options.historyFile, read.line)
      const result = await runLine(ctx, read.line)
      if (result.leave) break
    }
  } finally {
    process.removeListener('SIGINT', onSigint)
    ctx.onRunning = undefined
  }
  return 0
}

type Completer = (line: string) => Promise<[string[], string]>

/** One line from the terminal; `line` undefined on Ctrl-D (end of input). */
function readLine(prompt: string, history: string[], completer: Completer): Promise<{ line?: string; history: string[] }> {
  return new Promise((resolve) => {
    let latest = history
    const rl = createInterface({
      input: process.stdin, output: process.stdout, terminal: true, prompt,
      history: [...history], historySize: HISTORY_SIZE, removeHistoryDuplicates: true, tabSize: 2,
      completer: (line: string, callback: (error: Error | null, result: [string[], string]) => void) => {
        completer(line).then((r) => callback(null, r), () => callback(null, [[], line]))
      },
    }) as Interface & { history: string[]; clearLine(): void }
    let answered = false
    rl.on('history', (h: string[]) => { latest = h })
    rl.on('SIGINT', () => {
      // Like a shell: show ^C after what was typed, forget it, prompt again.
      rl.write('', { ctrl: true, name: 'e' })
      process.stdout.write('^C')
      rl.clearLine()
      rl.prompt()
    })
    rl.once('line', (line) => {
      answered = true
      rl.close()
      resolve({ line, history: latest })
    })
    rl.once('close', () => {
      if (!answered) resolve({ history: latest })
    })
    rl.prompt()
  })
}
