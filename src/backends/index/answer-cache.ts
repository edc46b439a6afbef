import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { paths } from '../../core/model/paths.js'
import { readHead } from '../git/refs.js'

/**
 * The exact output of a plain read command (run list, compare_metrics without a query), kept under
 * <root>/index/answers/ and printed untouched while the state it was made from has not moved. Derived
 * like the rest of the index: any file may be deleted, a corrupted one is ignored and made again.
 *
 * The state is what the run index checks, taken without reading it: the project and experiment names,
 * per experiment its HEAD, the HEAD the index was made for, the index file's size/mtime/inode, the
 * execution names and each runs folder's mtime and inode (a run folder added or removed). A run folder
 * changed more recently than RACY_MS is not trusted (a coarse timestamp could hide a second change).
 */
const RACY_MS = 1000
const KEEP = 16
const MAX_BYTES = 256 * 1024 * 1024
const SELF = fileURLToPath(import.meta.url)

export interface IndexState {
  /** Digest of everything the answers depend on. */
  digest: string
  /** False when the state cannot be trusted: interrupted bookkeeping to heal, or a runs folder changed just now. */
  trusted: boolean
}

export type Chunk = [fd: 1 | 2, text: Buffer]

function names(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort()
  } catch {
    return []
  }
}

function stamp(file: string): string {
  try {
    const s = statSync(file)
    return `${s.size}:${s.mtimeMs}:${s.ino}`
  } catch {
    return '-'
  }
}

function text(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return '-'
  }
}

/** The state of every experiment under root, as the run index would see it, with a few stats per experiment. */
export function indexState(root: string, now = Date.now()): IndexState {
  let trusted = true
  try {
    if (readdirSync(join(root, '.journal')).length) trusted = false // a dead journal is healed first: leave it to the full path
  } catch { /* none */ }
  const parts = [stamp(SELF)]
  for (const project of names(paths.projects(root))) {
    for (const experiment of names(paths.experiments(root, project))) {
      const dir = paths.experiment(root, project, experiment)
      let head = '-'
      try {
        head = readHead(join(dir, '.git')).oid ?? 'none'
      } catch { /* not a repository */ }
      const base = join(root, 'index', project, experiment)
      parts.push(`${project}/${experiment} ${head} ${text(`${base}.head`).trim()} ${stamp(`${base}.ndjson`)}`)
      for (const version of names(paths.executions(root, project, experiment))) {
        try {
          const s = statSync(paths.runs(root, project, experiment, version))
          if (now - s.mtimeMs < RACY_MS) trusted = false
          parts.push(` ${version} ${s.mtimeMs}:${s.ino}`)
        } catch {
          parts.push(` ${version} -`)
        }
      }
    }
  }
  return { digest: createHash('sha256').update(parts.join('\n')).digest('hex'), trusted }
}

/**
 * root_dir as the config module would read it, without loading it (ini and the key checks cost a
 * cold start ~20 ms): a plain `root_dir = path` in [LOCAL BACKEND], else the default. Anything this
 * reads differently only misses: answers are written under the root the full path used.
 */
export function rootOf(configText: string): string {
  let section = ''
  let value = '~/.padre'
  for (const raw of configText.split(/\r?\n/)) {
    const line = raw.trim()
    const header = /^\[([^\]]+)\]$/.exec(line)
    if (header) section = header[1].trim()
    else if (section === 'LOCAL BACKEND' && /^root_dir\s*=/.test(line)) value = line.slice(line.indexOf('=') + 1).trim()
  }
  if (value === '~') return homedir()
  return value.startsWith('~/') ? join(homedir(), value.slice(2)) : resolve(value)
}

const dirOf = (root: string) => join(root, 'index', 'answers')
const fileOf = (root: string, request: string) => join(dirOf(root), `${createHash('sha256').update(request).digest('hex').slice(0, 32)}.answer`)

/** The stored output of a request (any string naming the command, its flags and its config) at this state, or undefined. */
export function readAnswer(root: string, request: string, state: IndexState): Chunk[] | undefined {
  if (!state.trusted) return undefined
  let data: Buffer
  try {
    data = readFileSync(fileOf(root, request))
  } catch {
    return undefined
  }
  try {
    const eol = data.indexOf(10)
    const header = JSON.parse(data.subarray(0, eol).toString('utf8')) as { request: string; digest: string; chunks: Array<[1 | 2, number]> }
    if (header.request !== request || header.digest !== state.digest) return undefined
    let at = eol + 1
    const chunks = header.chunks.map(([fd, length]): Chunk => [fd, data.subarray(at, (at += length))])
    return at === data.length ? chunks : undefined // cut short: ignore
  } catch {
    return undefined
  }
}

/** Keeps an answer made at `state` (the caller checked that the state did not move while it was made). */
export function writeAnswer(root: string, request: string, state: IndexState, chunks: Chunk[]): void {
  if (!state.trusted) return
  const dir = dirOf(root)
  mkdirSync(dir, { recursive: true })
  const file = fileOf(root, request)
  const header = Buffer.from(`${JSON.stringify({ request, digest: state.digest, chunks: chunks.map(([fd, b]) => [fd, b.length]) })}\n`)
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, Buffer.concat([header, ...chunks.map(([, b]) => b)]))
  renameSync(temp, file)
  prune(dir)
}

/** At most KEEP answers and MAX_BYTES together (an answer of 100,000 runs as JSON is ~85 MB): the least recently written go. */
function prune(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.answer'))
  const byAge = files.flatMap((f) => {
    try {
      const s = statSync(join(dir, f))
      return [{ f, t: s.mtimeMs, size: s.size }]
    } catch {
      return [] // another process pruned it
    }
  }).sort((a, b) => b.t - a.t)
  let bytes = 0
  byAge.forEach(({ f, size }, i) => {
    bytes += size
    if (i < KEEP && (i === 0 || bytes <= MAX_BYTES)) return
    try {
      unlinkSync(join(dir, f))
    } catch { /* another process pruned it */ }
  })
}
