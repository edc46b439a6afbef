import { appendFile, mkdir } from 'node:fs/promises'
import type { EventBus, EventName, PadreEvents } from '../../core/events.js'
import { paths } from '../../core/model/paths.js'

export type LogLevel = 'INFO' | 'WARN' | 'ERROR'

/** padre.log under root_dir: one line per event, "ISO-time LEVEL message". */
export class EventLog {
  private folder?: Promise<unknown>

  constructor(private readonly root: string) {}

  subscribe(bus: EventBus): void {
    // When the event failed already (a full or read-only disk), that failure is the one to report.
    bus.observe((type, payload, error) =>
      error ? this.write('ERROR', `${type} ${describe(type, payload)} failed: ${error.message}`).catch(() => {}) : this.write('INFO', `${type} ${describe(type, payload)}`))
  }

  async write(level: LogLevel, message: string): Promise<void> {
    await (this.folder ??= mkdir(this.root, { recursive: true }))
    await appendFile(paths.log(this.root), `${new Date().toISOString()} ${level} ${message.replace(/\s*\n\s*/g, ' ')}\n`)
  }
}

function describe(type: EventName, payload: unknown): string {
  const p = payload as PadreEvents[EventName]
  if ('project' in p && typeof p.project === 'object') return p.project.id
  if ('experiment' in p) return p.experiment.id
  if ('execution' in p) return p.execution.id
  if ('computation' in p) return p.computation.id
  if ('run' in p) return `${p.run.id} ${p.run.status}`
  if ('dataset' in p) return `${p.dataset.name} ${p.dataset.hash.slice(0, 12)}`
  return type
}
