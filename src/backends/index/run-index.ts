import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FILES, paths } from '../../core/model/paths.js'
import type { RunMetrics, RunRecord } from '../../core/model/types.js'
import { readHead } from '../git/refs.js'
import { readColumns, writeColumns, type ColumnsMeta, type QueryColumns } from './query-columns.js'
import { fromRow, readSummaries, rowOf, stampOf, writeSummaries, type Row, type SummaryEntry } from './run-summaries.js'

/** One run as the index keeps it: its record and its metrics (null when it has none yet). */
export interface IndexEntry {
  run: RunRecord
  metrics: RunMetrics | null
}

/** metrics absent: keep the metrics of the entry before (an annotation changes run.json only). */
type Line = { key: string; run: RunRecord; metrics?: RunMetrics | null }

/**
 * A derived index of runs, one append-only NDJSON file per experiment under <root>/index/, outside
 * the git repositories. Never the source of truth: any file can be deleted and is rebuilt from the
 * run folders. Checked on every read against the experiment repository's HEAD (a pull, a commit made
 * by hand, a reset) and against the run folders present (runs written by another process, runs
 * removed): a moved HEAD rebuilds that experiment, a new folder reads only that run.
 */
export class RunIndex {
  /** Set when a read met a run folder without a readable run.json yet (a run being written): answers made from it are not kept. */
  incomplete = false

  constructor(readonly root: string) {}

  file(project: string, experiment: string): string {
    return join(this.root, 'index', project, `${experiment}.ndjson`)
  }

  /** The experiment HEAD the entries are valid for, in a small file beside them (read and written without the entries). */
  headFile(project: string, experiment: string): string {
    return join(this.root, 'index', project, `${experiment}.head`)
  }

  private readStoredHead(project: string, experiment: string): string | null | undefined {
    try {
      const text = readFileSync(this.headFile(project, experiment), 'utf8').trim()
      return text === 'none' ? null : text
    } catch {
      return undefined
    }
  }

  private writeStoredHead(project: string, experiment: string, head: string | null): void {
    const file = this.headFile(project, experiment)
    writeFileSync(`${file}.${process.pid}.tmp`, `${head ?? 'none'}\n`)
    renameSync(`${file}.${process.pid}.tmp`, file)
  }

  /** Fresh entries of one experiment, keyed '<execution>/<run>'. */
  entries(project: string, experiment: string): IndexEntry[] {
    const head = experimentHead(this.root, project, experiment)
    const stored = this.load(project, experiment)
    const rebuild = this.readStoredHead(project, experiment) !== head || !stored.ok
    const byKey = rebuild ? new Map<string, IndexEntry>() : stored.entries
    const present = runFolders(this.root, project, experiment)
    let changed = rebuild
    for (const key of present) {
      if (byKey.has(key)) continue
      const entry = readEntry(this.root, project, experiment, key)
      if (entry) { byKey.set(key, entry); changed = true } else this.incomplete = true
    }
    const keep = new Set(present)
    for (const key of byKey.keys()) if (!keep.has(key)) { byKey.delete(key); changed = true }
    if (changed || stored.lines > byKey.size * 2 + 16) this.write(project, experiment, head, byKey)
    return [...byKey.values()]
  }

  /** The slim summaries of the runs (src/backends/index/run-summaries.ts), kept beside the entries and made from them. */
  summaryFile(project: string, experiment: string): string {
    return join(this.root, 'index', project, `${experiment}.slim.json`)
  }

  /**
   * Fresh summaries of one experiment: the slim file when it was made from the entries file as it is
   * now and the repository and run folders have not moved since; otherwise from entries(), which
   * checks and repairs, and then written for the next read.
   */
  summaries(project: string, experiment: string): SummaryEntry[] {
    const file = this.file(project, experiment)
    const stamp = stampOf(file)
    if (stamp && this.readStoredHead(project, experiment) === experimentHead(this.root, project, experiment)) {
      const slim = readSummaries(this.summaryFile(project, experiment), project, experiment, stamp)
      if (slim && sameKeys(slim, runFolders(this.root, project, experiment))) return slim
    }
    // stamped before the read: a line appended meanwhile makes the next read rebuild, never miss it
    const before = stampOf(file)
    const entries = this.entries(project, experiment)
    const after = stampOf(file)
    return writeSummaries(this.summaryFile(project, experiment), project, experiment, before === after && after ? after : 'stale', entries)
  }

  /** The columnar query file (src/backends/index/query-columns.ts). */
  columnsFile(project: string, experiment: string): string {
    return join(this.root, 'index', project, `${experiment}.cols`)
  }

  /**
   * Fresh query columns of one experiment, with the candidates' summaries parsed. Fresh: made from the
   * entries file as it is, for the HEAD the repository has, with every runs folder unchanged since (a stat
   * each, no readdir). Otherwise made again from summaries(), which checks and repairs; undefined when
   * that read raced with a writer (the caller takes the full path).
   */
  columns(project: string, experiment: string): (Omit<QueryColumns, 'candidates'> & { candidates(query: Record<string, unknown>): SummaryEntry[] }) | undefined {
    const bind = (c: QueryColumns) => ({ ...c, candidates: (q: Record<string, unknown>) => c.candidates(q, (json) => fromRow(JSON.parse(json) as Row, project, experiment)) })
    const colsFile = this.columnsFile(project, experiment)
    const stored = readColumns(colsFile)
    if (stored && this.columnsFresh(project, experiment, stored.meta)) return bind(stored)
    stored?.close()
    const file = this.file(project, experiment)
    // a first read may build or repair the entries file (a new stamp): the second is then a plain read
    let dirs, before, after, summaries
    const incomplete = this.incomplete
    this.incomplete = false
    for (let attempt = 0; attempt < 2 && (!after || before !== after); attempt++) {
      dirs = runsDirs(this.root, project, experiment)
      before = stampOf(file)
      summaries = this.summaries(project, experiment)
      after = stampOf(file)
    }
    // a run folder without its run.json yet: its run.json will not move the runs folder, so never trust these stats
    const trusted = dirs?.trusted && !this.incomplete
    this.incomplete ||= incomplete
    if (!after || before !== after || !dirs || !summaries) return undefined
    const meta: ColumnsMeta = { stamp: after, head: this.readStoredHead(project, experiment) ?? null, dirs: trusted ? dirs.stamps : null }
    mkdirSync(join(this.root, 'index', project), { recursive: true })
    writeColumns(colsFile, meta, summaries.map((e) => JSON.stringify(rowOf(e, project, experiment))), summaries)
    const made = readColumns(colsFile)
    return made && bind(made)
  }

  private columnsFresh(project: string, experiment: string, meta: ColumnsMeta): boolean {
    if (!meta.dirs || stampOf(this.file(project, experiment)) !== meta.stamp) return false
    const head = experimentHead(this.root, project, experiment)
    if (this.readStoredHead(project, experiment) !== head || head !== meta.head) return false
    const now = runsDirs(this.root, project, experiment)
    const keys = Object.keys(now.stamps)
    return now.trusted && keys.length === Object.keys(meta.dirs).length && keys.every((k) => meta.dirs![k] === now.stamps[k])
  }

  /** After padre recorded a run (its commit done): append it, and keep the HEAD when the index was fresh before that commit. */
  async record(run: RunRecord, metrics: RunMetrics | null | undefined, parentsOfHead: (gitdir: string, oid: string) => Promise<string[]>): Promise<void> {
    const { project, experiment } = run
    const stored = this.readStoredHead(project, experiment)
    if (stored === undefined) return // never read yet: the first read builds it
    const line: Line = { key: `${run.execution}/${run.run}`, run, ...(metrics !== undefined ? { metrics } : {}) }
    appendFileSync(this.file(project, experiment), `${JSON.stringify(line)}\n`)
    const head = experimentHead(this.root, project, experiment)
    if (head === stored) return
    // Fresh before padre's own commit (HEAD moved from what the index knew by exactly that commit): still fresh.
    if (head && stored && (await parentsOfHead(join(paths.experiment(this.root, project, experiment), '.git'), head)).includes(stored)) this.writeStoredHead(project, experiment, head)
  }

  private load(project: string, experiment: string): { ok: boolean; entries: Map<string, IndexEntry>; lines: number } {
    let text: string
    try {
      text = readFileSync(this.file(project, experiment), 'utf8')
    } catch {
      return { ok: false, entries: new Map(), lines: 0 }
    }
    const entries = new Map<string, IndexEntry>()
    let parsed: Line[]
    try {
      // one parse of the whole file is about twice as fast as a parse per line
      parsed = JSON.parse(`[${text.trimEnd().replace(/\n/g, ',')}]`) as Line[]
    } catch {
      return { ok: false, entries, lines: 0 } // a torn append: rebuild
    }
    for (const line of parsed) entries.set(line.key, { run: line.run, metrics: line.metrics !== undefined ? line.metrics : (entries.get(line.key)?.metrics ?? null) })
    const lines = parsed.length
    return { ok: true, entries, lines }
  }

  private write(project: string, experiment: string, head: string | null, entries: Map<string, IndexEntry>): void {
    const file = this.file(project, experiment)
    mkdirSync(join(this.root, 'index', project), { recursive: true })
    const body = [...entries].map(([key, e]) => JSON.stringify({ key, run: e.run, metrics: e.metrics })).join('\n')
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, body ? `${body}\n` : '')
    renameSync(temp, file)
    this.writeStoredHead(project, experiment, head)
  }
}

/** A runs folder changed more recently than this is not trusted: a coarse timestamp could hide a second change. */
const RACY_MS = 1000

/** mtime and inode of each execution's runs folder: a run folder added or removed changes them. */
function runsDirs(root: string, project: string, experiment: string): { stamps: Record<string, string>; trusted: boolean } {
  const stamps: Record<string, string> = {}
  let trusted = true
  const now = Date.now()
  let versions: string[] = []
  try {
    versions = readdirSync(paths.executions(root, project, experiment), { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name)
  } catch { /* no executions yet */ }
  for (const v of versions) {
    try {
      const s = statSync(paths.runs(root, project, experiment, v))
      if (now - s.mtimeMs < RACY_MS) trusted = false
      stamps[v] = `${s.mtimeMs}:${s.ino}`
    } catch {
      stamps[v] = '-'
    }
  }
  return { stamps, trusted }
}

function sameKeys(entries: SummaryEntry[], keys: string[]): boolean {
  if (entries.length !== keys.length) return false
  const present = new Set(keys)
  return entries.every(({ run }) => present.has(`${run.execution}/${run.run}`))
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
  // the newest view, as FileStore.runMetrics: the last reevaluation's metrics when there is one
  const latest = reevaluations(dir).at(-1)
  return run ? { run, metrics: read<RunMetrics>(latest ? join('reevaluations', latest, FILES.metrics) : FILES.metrics) ?? null } : undefined
}

function reevaluations(runDir: string): string[] {
  try {
    return readdirSync(join(runDir, 'reevaluations'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
  } catch {
    return []
  }
}
