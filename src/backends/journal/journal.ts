import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EventBus, PadreEvents } from '../../core/events.js'
import { VersionTakenError } from '../../core/models/registry.js'
import { currentOwner } from '../lock/process-identity.js'

/**
 * A write-ahead note of the bookkeeping this process has begun: before the file backend writes a
 * project, experiment, execution or run, the journal names it in `<root>/.journal/<pid>-<start>.json`;
 * once the git backend has committed it, the note goes. A process killed in between leaves its
 * journal behind, and the next padre command (any command) finishes the work (heal.ts).
 */

export type JournalEntry =
  | { kind: 'project'; project: string }
  | { kind: 'experiment'; project: string; experiment: string }
  | { kind: 'execution'; project: string; experiment: string; version: string }
  | { kind: 'run'; project: string; experiment: string; execution: string; run: string }
  /** Registry records of the project repository (paths relative to it), written but maybe not committed. */
  | { kind: 'model'; project: string; name: string; files: string[] }

export const JOURNAL_DIR = '.journal'

export function journalName(owner = currentOwner()): string {
  return `${owner.pid}-${owner.start}`
}

export class Journal {
  private readonly entries = new Map<string, JournalEntry>()
  private readonly file: string

  constructor(private readonly root: string) {
    this.file = join(root, JOURNAL_DIR, `${journalName()}.json`)
  }

  /** Subscribe before the file backend. */
  subscribeBegin(bus: EventBus): void {
    bus.on('project:created', ({ project }) => this.add({ kind: 'project', project: project.name }), 'the journal')
    bus.on('experiment:created', ({ experiment: e }) => this.add({ kind: 'experiment', project: e.project, experiment: e.name }), 'the journal')
    bus.on('execution:created', ({ execution: x }) => this.add({ kind: 'execution', project: x.project, experiment: x.experiment, version: x.version }), 'the journal')
    bus.on('run:started', ({ run: r }) => this.add({ kind: 'run', project: r.project, experiment: r.experiment, execution: r.execution, run: r.run }), 'the journal')
    bus.on('model:registered', ({ version: v, alias }) => this.add(modelEntry(v.project, v.name, v.version, alias !== undefined)), 'the journal')
    bus.on('model:aliased', ({ project, name }) => this.add(modelEntry(project, name)), 'the journal')
  }

  /** Subscribe after the git backend: reached only when its commit succeeded. */
  subscribeEnd(bus: EventBus): void {
    bus.on('project:created', ({ project }) => this.remove({ kind: 'project', project: project.name }), 'the journal')
    bus.on('experiment:created', ({ experiment: e }) => this.remove({ kind: 'experiment', project: e.project, experiment: e.name }), 'the journal')
    // An execution's file is only noted as pending by its event; the run's commit records it.
    bus.on('run:ended', ({ run: r }) => this.remove(
      { kind: 'run', project: r.project, experiment: r.experiment, execution: r.execution, run: r.run },
      { kind: 'execution', project: r.project, experiment: r.experiment, version: r.execution },
    ), 'the journal')
    bus.on('model:registered', ({ version: v, alias }) => this.remove(modelEntry(v.project, v.name, v.version, alias !== undefined)), 'the journal')
    bus.on('model:aliased', ({ project, name }) => this.remove(modelEntry(project, name)), 'the journal')
    // A version number another padre took first: nothing was written, and the registration tries the next number.
    bus.observe((type, payload, error) => {
      if (type !== 'model:registered' || !(error instanceof VersionTakenError)) return
      const { version: v, alias } = payload as PadreEvents['model:registered']
      this.remove(modelEntry(v.project, v.name, v.version, alias !== undefined))
    })
  }

  private add(entry: JournalEntry): void {
    this.entries.set(JSON.stringify(entry), entry)
    this.save()
  }

  private remove(...entries: JournalEntry[]): void {
    let changed = false
    for (const entry of entries) changed = this.entries.delete(JSON.stringify(entry)) || changed
    if (changed) this.save()
  }

  private save(): void {
    if (this.entries.size === 0) {
      rmSync(this.file, { force: true })
      return
    }
    mkdirSync(join(this.root, JOURNAL_DIR), { recursive: true })
    const temp = `${this.file}.tmp`
    writeFileSync(temp, JSON.stringify([...this.entries.values()]))
    renameSync(temp, this.file)
  }
}

/** The files a registration (a version, maybe an alias) or an alias change writes in the project repository. */
export function modelEntry(project: string, name: string, version?: number, alias = version === undefined): JournalEntry {
  return { kind: 'model', project, name, files: [...(version !== undefined ? [`models/${name}/versions/${version}.json`] : []), ...(alias ? [`models/${name}/aliases.json`] : [])] }
}
