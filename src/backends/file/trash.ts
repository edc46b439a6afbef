import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'

/** Moves a folder aside (replacing an older copy deleted under the same name). */
export function moveAside(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true })
  rmSync(to, { recursive: true, force: true })
  renameSync(from, to)
}
