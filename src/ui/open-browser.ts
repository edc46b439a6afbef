import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/** Opens the URL with xdg-open (open on macOS); returns what happened, in words for the terminal. */
export function openBrowser(url: string): string {
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open'
  const found = (process.env.PATH ?? '').split(delimiter).some((dir) => executable(join(dir, opener)))
  if (!found) return `No ${opener} found: open ${url} in a browser yourself.`
  const child = spawn(opener, [url], { detached: true, stdio: 'ignore' })
  child.on('error', () => undefined)
  child.unref()
  return `Opened ${url} with ${opener}.`
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}
