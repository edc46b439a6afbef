import { readdirSync, statSync } from 'node:fs'
import { paths } from '../../core/model/paths.js'

/**
 * A cheap fingerprint of what is recorded: padre.log (every event appends a line) and the mtimes of
 * the folders that gain an entry when a project, experiment, execution or run appears. A few dozen
 * stats, never a file read: the live view compares it once a second.
 */
export function recordsStamp(root: string): string {
  const parts = [mtime(paths.log(root), true), mtime(paths.projects(root))]
  for (const p of names(paths.projects(root))) {
    parts.push(mtime(paths.experiments(root, p)))
    for (const e of names(paths.experiments(root, p))) {
      parts.push(mtime(paths.executions(root, p, e)))
      for (const v of names(paths.executions(root, p, e))) parts.push(mtime(paths.runs(root, p, e, v)))
    }
  }
  return parts.join('|')
}

function mtime(path: string, size = false): string {
  try {
    const s = statSync(path)
    return size ? `${s.mtimeMs}:${s.size}` : String(s.mtimeMs)
  } catch {
    return '-'
  }
}

function names(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort()
  } catch {
    return []
  }
}
