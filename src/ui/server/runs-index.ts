import { statSync } from 'node:fs'
import { paths } from '../../core/model/paths.js'
import type { App } from '../../core/services/app.js'
import { experimentsInScope } from '../../core/services/experiments.js'
import { runDocs, type RunDoc } from './run-docs.js'
import { recordsStamp } from './stamp.js'

interface Cached {
  mtimeMs: number
  startedAt: string
  run: string
  docs: RunDoc[]
}

/**
 * Every run as table rows, kept until the records change (recordsStamp: a few stats). On a change only
 * the runs whose folder changed (a write is a rename into it) are read again, through the store the
 * services read with, so a run landing among 10,000 costs one listing and a stat per run, not 20,000 reads.
 * `version` counts the changes, for the live view.
 */
export class RunsIndex {
  private docs?: Promise<RunDoc[]>
  private runs = new Map<string, Cached>()
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
    const pending = (this.docs ??= this.read())
    try {
      return await pending
    } catch (error) {
      if (this.docs === pending) this.docs = undefined
      throw error
    }
  }

  private async read(): Promise<RunDoc[]> {
    const { root, store } = this.app
    const next = new Map<string, Cached>()
    for (const { project: p, name: e } of await experimentsInScope(this.app)) {
      for (const v of await store.executionVersions(p, e)) {
        for (const r of await store.runNames(p, e, v)) {
          const key = `${p}:${e}:${v}:${r}`
          const mtimeMs = mtime(paths.run(root, p, e, v, r))
          const old = this.runs.get(key)
          if (old && old.mtimeMs === mtimeMs) {
            next.set(key, old)
            continue
          }
          const [run, metrics] = await Promise.all([store.run(p, e, v, r), store.runMetrics(p, e, v, r)])
          if (run) next.set(key, { mtimeMs, startedAt: run.startedAt, run: run.run, docs: runDocs(run, metrics) })
        }
      }
    }
    this.runs = next
    // Newest first, like listRuns.
    return [...next.values()].sort((a, b) => cmp(b.startedAt, a.startedAt) || cmp(b.run, a.run)).flatMap((c) => c.docs)
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function mtime(dir: string): number {
  try {
    return statSync(dir).mtimeMs
  } catch {
    return -1
  }
}
