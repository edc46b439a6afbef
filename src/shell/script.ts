import { createInterface } from 'node:readline'
import type { LineContext } from './run-line.js'

export interface ScriptOptions {
  keepGoing: boolean
  /** Made on the first line that runs, so that an empty script loads nothing. */
  context: () => Promise<LineContext>
  input?: NodeJS.ReadableStream
}

/**
 * `padre < script.txt`: each line in order, blank lines and `#` comments skipped, no prompts.
 * Returns 0, or the exit code of the first failing line (of the last one with --keep-going).
 */
export async function runScript(options: ScriptOptions): Promise<number> {
  const { runLine } = await import('./run-line.js')
  const lines = createInterface({ input: options.input ?? process.stdin, terminal: false, crlfDelay: Infinity })
  let ctx: LineContext | undefined
  let failed = 0
  let number = 0
  for await (const raw of lines) {
    number++
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    ctx ??= await options.context()
    const result = await runLine(ctx, line)
    if (result.leave) break
    if (result.code !== 0) {
      process.stderr.write(`  at line ${number}: ${line}\n`)
      failed = result.code
      if (!options.keepGoing) break
    }
  }
  lines.close()
  return failed
}
