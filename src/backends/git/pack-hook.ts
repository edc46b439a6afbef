import { writeSync } from 'node:fs'

/**
 * For the crash tests only: with PADRE_GC_PAUSE=<stage>, packing writes `padre gc paused at
 * <stage>` to stderr when it reaches that stage and then blocks until the process is killed, so a
 * test can SIGKILL it at exactly that point and check that nothing was lost.
 */
export type PackStage = 'written' | 'pack-renamed' | 'idx-renamed' | 'deleting'

export function pauseAt(stage: PackStage): void {
  if (process.env.PADRE_GC_PAUSE !== stage) return
  writeSync(2, `padre gc paused at ${stage}\n`)
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
}
