import { closeSync, fstatSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs'
import { documentFields, runDocuments, type RunDocument } from '../../core/query/documents.js'
import type { SummaryEntry } from './run-summaries.js'
import type { IndexColumnsView } from '../../core/services/app.js'

/**
 * A columnar query file per experiment (<root>/index/<project>/<experiment>.cols), made with the slim
 * summaries: per query document (run × grid point) one Float64 per numeric field (NaN: absent) or one
 * dictionary code per text field (-1: absent), the run each document belongs to, and each run's slim row
 * as JSON text, parsed only for the runs a query keeps. A query's plain predicates on these columns give
 * candidates, always a superset of the matches (anything the columns cannot decide keeps the document);
 * mingo then judges the candidates' documents as it judges every document on the full path.
 */
export interface ColumnsMeta {
  /** The stamp of the NDJSON entries file the columns were made from. */
  stamp: string
  /** The HEAD the index was valid for. */
  head: string | null
  /** Per execution: its runs folder's mtime and inode when made (null: changed too recently to trust). */
  dirs: Record<string, string> | null
}

interface Column { path: string; kind: 'num' | 'str'; at: number; dict?: string[] }

interface Header extends ColumnsMeta {
  format: typeof FORMAT
  docs: number
  runs: number
  /** Every field of the documents (as documentFields), of all runs and of the runs not deleted. */
  fields: string[]
  visibleFields: string[]
  visibleDocs: number
  /** The same of the documents of runs with metrics (what compare_metrics queries). */
  metricFields: string[]
  visibleMetricFields: string[]
  metricDocs: number
  visibleMetricDocs: number
  columns: Column[]
  docRun: number
  rowEnds: number
  rows: number
}

/** Core's view of an experiment's columns (what the query services read), with the file's own meta; candidates parse rows here. */
export interface QueryColumns extends Omit<IndexColumnsView, 'candidates'> {
  meta: ColumnsMeta
  /** The slim summaries of the runs having a candidate document under `query` (a checked, stored-path query). */
  candidates(query: Record<string, unknown>, parse: (rowJson: string) => SummaryEntry): SummaryEntry[]
}

const TOP_NUM = ['point', 'durationMs', 'splits'] as const
// run and startedAt are left out: a dictionary as long as the runs, and startedAt is compared by range
const TOP_STR = ['project', 'experiment', 'execution', 'status', 'dataset'] as const
/** A text field with more distinct values gets no column (its dictionary would cost more to read than it saves). */
const MAX_DICT = 1024
/** Changed whenever the layout or the columns change: a file of another format is made again. */
const FORMAT = 3
const plain = (name: string) => name !== '' && !name.includes('.')

/** Ascending indices of documents; undefined: every document. */
type List = Uint32Array | undefined

const f64 = new Float64Array(1)
const i64 = new BigInt64Array(f64.buffer)
/** The smallest double above x (NaN above +Infinity: no value is), so that v > x is v >= nextUp(x). */
function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return Number.NaN
  if (x === 0) return Number.MIN_VALUE
  f64[0] = x
  i64[0] += x > 0 ? 1n : -1n
  return f64[0]
}

/** Each document's queryable plain values, by the path mingo resolves (names with dots are left out). */
function eachValue(d: RunDocument, visit: (path: string, value: unknown) => void): void {
  for (const k of TOP_NUM) visit(k, d[k])
  for (const k of TOP_STR) visit(k, d[k])
  for (const m in d.metrics) if (plain(m)) visit(`metrics.${m}`, d.metrics[m])
  for (const m in d.std) if (plain(m)) visit(`std.${m}`, d.std[m])
  for (const c in d.params) if (plain(c)) for (const p in d.params[c]) if (plain(p)) visit(`params.${c}.${p}`, d.params[c][p])
}

export function writeColumns(file: string, meta: ColumnsMeta, rowJson: string[], entries: SummaryEntry[]): void {
  const docs: RunDocument[] = []
  const docRun: number[] = []
  entries.forEach(({ run, metrics }, i) => {
    for (const d of runDocuments(run, metrics)) { docs.push(d); docRun.push(i) }
  })
  const visible = docs.filter((d) => !d.deleted)
  const withMetrics = docs.filter((_, i) => entries[docRun[i]].metrics?.points.length)
  const visibleWithMetrics = withMetrics.filter((d) => !d.deleted)
  const n = docs.length
  const acc = new Map<string, { kind: 'num' | 'str' | 'mixed'; values: unknown[] }>()
  let i = 0
  const visit = (path: string, v: unknown) => {
    if (v === undefined) return
    let a = acc.get(path)
    if (!a) acc.set(path, (a = { kind: typeof v === 'number' ? 'num' : 'str', values: new Array(n) }))
    if (!((a.kind === 'num' && typeof v === 'number') || (a.kind === 'str' && typeof v === 'string'))) a.kind = 'mixed'
    a.values[i] = v
  }
  for (; i < n; i++) eachValue(docs[i], visit)
  const parts: Buffer[] = []
  let at = 0
  const push = (b: Buffer) => { parts.push(b); at += b.length; const pad = (8 - (at % 8)) % 8; if (pad) { parts.push(Buffer.alloc(pad)); at += pad } }
  const columns: Column[] = []
  for (const [path, { kind, values }] of acc) {
    if (kind === 'num') {
      const col = new Float64Array(n).fill(Number.NaN)
      for (let i = 0; i < n; i++) if (values[i] !== undefined) col[i] = values[i] as number
      columns.push({ path, kind, at })
      push(Buffer.from(col.buffer))
    } else if (kind === 'str') {
      const dict: string[] = []
      const codes = new Map<string, number>()
      const col = new Int32Array(n).fill(-1)
      for (let i = 0; i < n; i++) {
        const v = values[i] as string | undefined
        if (v === undefined) continue
        let c = codes.get(v)
        if (c === undefined) { c = dict.length; dict.push(v); codes.set(v, c) }
        col[i] = c
      }
      if (dict.length > MAX_DICT) continue
      columns.push({ path, kind, at, dict })
      push(Buffer.from(col.buffer))
    }
  }
  const docRunAt = at
  push(Buffer.from(Uint32Array.from(docRun).buffer))
  const body = Buffer.from(rowJson.join(''))
  const ends = new Uint32Array(rowJson.length)
  let end = 0
  rowJson.forEach((r, i) => { end += Buffer.byteLength(r); ends[i] = end })
  const rowEnds = at
  push(Buffer.from(ends.buffer))
  const rows = at
  push(body)
  const header: Header = {
    format: FORMAT, ...meta, docs: n, runs: entries.length, fields: documentFields(docs), visibleFields: documentFields(visible), visibleDocs: visible.length,
    metricFields: documentFields(withMetrics), visibleMetricFields: documentFields(visibleWithMetrics), metricDocs: withMetrics.length, visibleMetricDocs: visibleWithMetrics.length,
    columns, docRun: docRunAt, rowEnds, rows,
  }
  const head = Buffer.from(JSON.stringify(header))
  const prefix = Buffer.alloc(8)
  prefix.writeUInt32LE(head.length, 0)
  const headPad = Buffer.alloc((8 - (head.length % 8)) % 8)
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, Buffer.concat([prefix, head, headPad, ...parts]))
  renameSync(temp, file)
}

/** The columns of a file (its header read; columns and rows are read when a query needs them), or undefined when missing or not one this code wrote. */
export function readColumns(file: string): QueryColumns | undefined {
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    const prefix = Buffer.alloc(8)
    readSync(fd, prefix, 0, 8, 0)
    const length = prefix.readUInt32LE(0)
    const text = Buffer.alloc(length)
    if (readSync(fd, text, 0, length, 8) !== length) return undefined
    const header = JSON.parse(text.toString('utf8')) as Header
    if (header.format !== FORMAT) return undefined
    const base = 8 + length + ((8 - (length % 8)) % 8)
    const ends = header.runs ? new Uint32Array(bytes(fd, base + header.rowEnds, 4 * header.runs).buffer) : new Uint32Array(0)
    const size = base + header.rows + (header.runs ? ends[header.runs - 1] : 0)
    const extra = fstatSize(fd) - size
    if (extra < 0 || extra >= 8) return undefined // cut short (the body is padded to 8 bytes)
    const columns = view(fd, base, header, ends)
    fd = undefined // the view reads on and closes it
    return columns
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** `length` bytes at `position`, in a buffer of its own (typed views need an aligned offset). */
function bytes(fd: number, position: number, length: number): Buffer {
  const b = Buffer.from(new ArrayBuffer(length))
  if (readSync(fd, b, 0, length, position) !== length) throw new Error('cut short')
  return b
}

function fstatSize(fd: number): number {
  return fstatSync(fd).size
}

function view(fd: number, base: number, h: Header, ends: Uint32Array): QueryColumns {
  const n = h.docs
  const byPath = new Map(h.columns.map((c) => [c.path, c]))
  const num = (c: Column) => new Float64Array(bytes(fd, base + c.at, 8 * n).buffer)
  const str = (c: Column) => new Int32Array(bytes(fd, base + c.at, 4 * n).buffer)
  const rowsAt = base + h.rows
  let open = true
  const close = () => { if (open) closeSync(fd); open = false }

  // A list: the ascending indices of the documents that may match (undefined: every document may). Each
  // predicate scans only the documents the ones before it kept, so a query costs one pass over the first
  // column it names and short passes after.

  function field(path: string, cond: unknown, within: List): List {
    const c = byPath.get(path)
    if (!c) return within
    const ops: Array<[string, unknown]> = typeof cond === 'object' && cond !== null && !Array.isArray(cond) && Object.keys(cond).some((k) => k.startsWith('$'))
      ? Object.entries(cond) : [['$eq', cond]]
    if (c.kind === 'str') {
      for (const [op, arg] of ops) within = strOp(str(c), c.dict!, op, arg, within)
      return within
    }
    // every numeric operator here narrows to one range lo <= v <= hi (strict bounds moved to the next
    // double), and $in to a set; an absent value (NaN) is in no range, and matches none of these in mingo
    let lo = -Infinity
    let hi = Infinity
    let set: Set<number> | undefined
    let narrowed = false
    for (const [op, arg] of ops) {
      if (op === '$in' && Array.isArray(arg) && arg.length > 0 && arg.every((x) => typeof x === 'number')) {
        set = set ? new Set((arg as number[]).filter((x) => set!.has(x))) : new Set(arg as number[])
        narrowed = true
        continue
      }
      if (typeof arg !== 'number' || Number.isNaN(arg)) continue
      if (op === '$eq') { lo = Math.max(lo, arg); hi = Math.min(hi, arg) }
      else if (op === '$gt') lo = Math.max(lo, nextUp(arg))
      else if (op === '$gte') lo = Math.max(lo, arg)
      else if (op === '$lt') hi = Math.min(hi, -nextUp(-arg))
      else if (op === '$lte') hi = Math.min(hi, arg)
      else continue
      narrowed = true
    }
    return narrowed ? scanNum(num(c), lo, hi, set, within) : within
  }
  function scanNum(col: Float64Array, lo: number, hi: number, set: Set<number> | undefined, within: List): Uint32Array {
    const m = within ? within.length : n
    const out = new Uint32Array(m)
    let k = 0
    if (within) {
      for (let j = 0; j < m; j++) { const i = within[j]; const v = col[i]; if (v >= lo && v <= hi && (!set || set.has(v))) out[k++] = i }
    } else if (set) {
      for (let i = 0; i < n; i++) { const v = col[i]; if (v >= lo && v <= hi && set.has(v)) out[k++] = i }
    } else {
      for (let i = 0; i < n; i++) { const v = col[i]; if (v >= lo && v <= hi) out[k++] = i }
    }
    return out.subarray(0, k)
  }
  function strOp(col: Int32Array, dict: string[], op: string, arg: unknown, within: List): List {
    const wanted = op === '$eq' && typeof arg === 'string' ? [arg] : op === '$in' && Array.isArray(arg) && arg.length > 0 && arg.every((x) => typeof x === 'string') ? (arg as string[]) : undefined
    if (!wanted) return within
    const codes = new Uint8Array(dict.length)
    dict.forEach((v, i) => { if (wanted.includes(v)) codes[i] = 1 })
    const m = within ? within.length : n
    const out = new Uint32Array(m)
    let k = 0
    for (let j = 0; j < m; j++) { const i = within ? within[j] : j; const c = col[i]; if (c >= 0 && codes[c]) out[k++] = i }
    return out.subarray(0, k)
  }
  function query(q: Record<string, unknown>, within: List): List {
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) for (const sub of value) within = query(sub as Record<string, unknown>, within)
      else if (key === '$or' && Array.isArray(value)) within = union(value.map((sub) => query(sub as Record<string, unknown>, within)), within)
      else if (!key.startsWith('$')) within = field(key, value, within)
      // $nor and anything else: undecided, every document stays
    }
    return within
  }
  /** The documents of any of the lists, each a part of `within`: `within` itself when one list did not narrow. */
  function union(lists: List[], within: List): List {
    if (lists.length === 0 || lists.some((l) => l === within || !l)) return within
    const marks = new Uint8Array(n)
    for (const l of lists) for (let j = 0; j < l!.length; j++) marks[l![j]] = 1
    const out = new Uint32Array(n)
    let k = 0
    for (let i = 0; i < n; i++) if (marks[i]) out[k++] = i
    return out.subarray(0, k)
  }
  return {
    meta: { stamp: h.stamp, head: h.head, dirs: h.dirs },
    fields: h.fields,
    visibleFields: h.visibleFields,
    visibleDocs: h.visibleDocs,
    docs: h.docs,
    metricFields: h.metricFields,
    visibleMetricFields: h.visibleMetricFields,
    metricDocs: h.metricDocs,
    visibleMetricDocs: h.visibleMetricDocs,
    candidates(q, parse) {
      try {
        const list = query(q, undefined)
        const docRun = new Uint32Array(bytes(fd, base + h.docRun, 4 * n).buffer)
        // documents are stored run by run: the runs of an ascending list come ascending
        const sorted: number[] = []
        const m = list ? list.length : n
        for (let j = 0; j < m; j++) { const r = docRun[list ? list[j] : j]; if (sorted.at(-1) !== r) sorted.push(r) }
        if (sorted.length === 0) return []
        const from = sorted[0] ? ends[sorted[0] - 1] : 0
        const body = bytes(fd, rowsAt + from, ends[sorted.at(-1)!] - from)
        return sorted.map((r) => parse(body.toString('utf8', (r ? ends[r - 1] : 0) - from, ends[r] - from)))
      } finally {
        close()
      }
    },
    close,
  }
}
