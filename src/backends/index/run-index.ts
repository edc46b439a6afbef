import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FILES, paths } from '../../core/model/paths.js'
import type { RunMetrics, RunRecord } from '../../core/model/types.js'
import { readHead } from '../git/refs.js'

/** One run as the index keeps it: its record and its metrics (null when it has none yet). */
export interface IndexEntry {
  run: RunRecord
  metrics: RunMetrics | null
}

type Line = { t: 'entry'; key: string; run: RunRecord; metrics: RunMetrics | null } | { t: 'head'; head: string | null }

/**
 * A derived index of runs, one append-only NDJSON file per experiment under <root>/index/, outside
 * the git repositories. Never the source of truth: any file can be deleted and is rebuilt from the
 * run folders. Checked on every read against the experiment repository's HEAD (a pull, a commit made
 * by hand, a reset) and against the run folders present (runs written by another process, runs
 * removed): a moved HEAD rebuilds that experiment, a new folder reads only that run.
 */
export class RunIndex {
  constructor(readonly root: string) {}

  file(project: string, experiment: string): string {
    return join(this.root, 'index', project, `${experiment}.ndjson`)
  }

  /** Fresh entries of one experiment, keyed '<execution>/<run>'. */
  entries(project: string, experiment: string): IndexEntry[] {
    const head = experimentHead(this.root, project, experiment)
    const stored = this.load(project, experiment)
    const rebuild = stored.head !== head
    const byKey = rebuild ? new Map<string, IndexEntry>() : stored.entries
    const present = runFolders(this.root, project, experiment)
    let changed = rebuild
    for (const key of present) {
      if (byKey.has(key)) continue
      const entry = readEntry(this.root, project, experiment, key)
      if (entry) { byKey.set(key, entry); changed = true }
    }
    const keep = new Set(present)
    for (const key of byKey.keys()) if (!keep.has(key)) { byKey.delete(key); changed = true }
    if (changed || stored.lines > byKey.size * 2 + 16) this.write(project, experiment, head, byKey)
    return [...byKey.values()]
  }

  /** After padre recorded a run (its commit done): append it, and keep the HEAD when the index was fresh before that commit. */
  async record(run: RunRecord, metrics: RunMetrics | null, parentsOfHead: (gitdir: string, oid: string) => Promise<string[]>): Promise<void> {
    const { project, experiment } = run
    const file = this.file(project, experiment)
    const stored = this.load(project, experiment)
    if (stored.lines === 0) return // never read yet: the first read builds it
    const lines: Line[] = [{ t: 'entry', key: `${run.execution}/${run.run}`, run, metrics: metrics ?? stored.entries.get(`${run.execution}/${run.run}`)?.metrics ?? null }]
    const head = experimentHead(this.root, project, experiment)
    if (head && stored.head !== head && stored.head && (await parentsOfHead(join(paths.experiment(this.root, project, experiment), '.git'), head)).includes(stored.head)) {
      lines.push({ t: 'head', head })
    }
    appendFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  }

  private load(project: string, experiment: string): { head: string | null | undefined; entries: Map<string, IndexEntry>; lines: number } {
    let text: string
    try {
      text = readFileSync(this.file(project, experiment), 'utf8')
    } catch {
      return { head: undefined, entries: new Map(), lines: 0 }
    }
    let head: string | null | undefined
    const entries = new Map<string, IndexEntry>()
    let lines = 0
    for (const raw of text.split('\n')) {
      if (!raw) continue
      let line: Line
      try {
        line = JSON.parse(raw) as Line
      } catch {
        return { head: undefined, entries: new Map(), lines } // a torn append: rebuild
      }
      lines++
      if (line.t === 'head') head = line.head
      else entries.set(line.key, { run: line.run, metrics: line.metrics })
    }
    return { head, entries, lines }
  }

  private write(project: string, experiment: string, head: string | null, entries: Map<string, IndexEntry>): void {
    const file = this.file(project, experiment)
    mkdirSync(join(this.root, 'index', project), { recursive: true })
    const body = [...entries].map(([key, e]) => JSON.stringify({ t: 'entry', key, run: e.run, metrics: e.metrics })).join('\n')
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, `${body}${body ? '\n' : ''}${JSON.stringify({ t: 'head', head })}\n`)
    renameSync(temp, file)
  }
}

function experimentHead(root: string, project: string, experiment: string): string | null {
  try {
    return readHead(join(paths.experiment(root, project, experiment), '.git')).oid ?? null
  } catch {
    return null // not a repository (yet)
  }
}

/** '<execution>/<run>' of every run folder: one readdir per execution. */
function runFolders(root: string, project: string, experiment: string): string[] {
  const list = (dir: string) => {
    try {
      return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name)
    } catch {
      return []
    }
  }
  return list(paths.executions(root, project, experiment)).flatMap((v) => list(paths.runs(root, project, experiment, v)).map((r) => `${v}/${r}`))
}

function readEntry(root: string, project: string, experiment: string, key: string): IndexEntry | undefined {
  const [v, r] = key.split('/')
  const dir = paths.run(root, project, experiment, v, r)
  const read = <T>(f: string): T | undefined => {
    let text: string
    try {
      text = readFileSync(join(dir, f), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
    return JSON.parse(text) as T
  }
  const run = read<RunRecord>(FILES.run)
  return run ? { run, metrics: read<RunMetrics>(FILES.metrics) ?? null } : undefined
}
