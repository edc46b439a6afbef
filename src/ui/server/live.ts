import type { RunsIndex } from './runs-index.js'

type Listener = (version: number) => void

/**
 * Tells open pages that the records changed. Looks (recordsStamp: stats only) once per interval,
 * and only while at least one page listens.
 */
export class Live {
  private listeners = new Set<Listener>()
  private timer?: NodeJS.Timeout

  constructor(private readonly index: RunsIndex, private readonly intervalMs = 1000) {}

  listen(listener: Listener): () => void {
    this.listeners.add(listener)
    this.timer ??= setInterval(() => this.look(), this.intervalMs)
    return () => {
      this.listeners.delete(listener)
      if (this.listeners.size === 0) this.stop()
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  private look(): void {
    if (!this.index.changed()) return
    for (const listener of this.listeners) listener(this.index.version)
  }
}
