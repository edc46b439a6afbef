// What every benchmark measures with: the median of repeated timings, and a whole command timed cold.
import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2 }

/** Median wall time of `node <args>` over `times` fresh processes; a failure throws with its stderr. */
export function timeProcess(args, env, times) {
  const ms = []
  for (let i = 0; i < times; i++) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 })
    ms.push(performance.now() - t0)
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`)
  }
  return median(ms)
}
