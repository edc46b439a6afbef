import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { configPath } from '../core/config/load.js'

export const HISTORY_SIZE = 1000

/** `.padre_history` in padre's config directory: next to ~/.padre.cfg, or to $PADRE_CONFIG. */
export function historyFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(configPath(undefined, env)), '.padre_history')
}

/** The saved lines, newest first (readline's order); none when the file is missing or unreadable. */
export function loadHistory(file: string, size = HISTORY_SIZE): string[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return []
  }
  return text.split('\n').filter((l) => l.trim() !== '').slice(-size).reverse()
}

/** Appends one line; rewrites the file when it has grown to twice the history size. Never throws. */
export function appendHistory(file: string, line: string, size = HISTORY_SIZE): void {
  if (line.trim() === '' || /[\r\n]/.test(line)) return
  try {
    mkdirSync(dirname(file), { recursive: true })
    appendFileSync(file, `${line}\n`, { mode: 0o600 })
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')
    if (lines.length > 2 * size) writeFileSync(file, `${lines.slice(-size).join('\n')}\n`, { mode: 0o600 })
  } catch {
    // History is a comfort: a read-only home must not break the shell.
  }
}
