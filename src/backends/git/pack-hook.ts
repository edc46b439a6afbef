import { appendFileSync } from 'node:fs'

/**
 * For the crash tests only: with PADRE_GC_PAUSE=<stage> and PADRE_GC_PAUSE_FILE=<file>, packing
 * appends the stage's name to the file when it reaches it and then blocks until the process is
 * killed, so a test can SIGKILL it at exactly that point and check that nothing was lost.
 */
export type PackStage = 'written' | 'pack-renamed' | 'idx-renamed' | 'deleting'

export function pauseAt(stage: PackStage): void {
  if (process.env.PADRE_GC_PAUSE !== stage || !process.env.PADRE_GC_PAUSE_FILE) return
  appendFileSync(process.env.PADRE_GC_PAUSE_FILE, `${stage}\n`)
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
}
