import type { App } from '../../core/services/app.js'
import { listRunsWithMetrics } from '../../core/services/runs.js'
import { runDocs, type RunDoc } from './run-docs.js'
import { recordsStamp } from './stamp.js'

/**
 * Every run as table rows, read through the CLI's own service and kept until the records change
 * (checked by recordsStamp, a few stats). `version` counts the changes, for the live view.
 */
export class RunsIndex {
  private docs?: Promise<RunDoc[]>
  private stamp = ''
  version = 0

  constructor(private readonly app: App) {}

  /** True when the records changed since the last look (and bumps the version). */
  changed(): boolean {
    const stamp = recordsStamp(this.app.root)
    if (stamp === this.stamp) return false
    this.stamp = stamp
    this.docs = undefined
    this.version++
    return true
  }

  async all(): Promise<RunDoc[]> {
    this.changed()
    const pending = (this.docs ??= listRunsWithMetrics(this.app).then((runs) => runs.flatMap(({ run, metrics }) => runDocs(run, metrics))))
    try {
      return await pending
    } catch (error) {
      if (this.docs === pending) this.docs = undefined
      throw error
    }
  }
}
