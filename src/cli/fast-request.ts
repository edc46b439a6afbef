// The front of bin/run.js's fast path (src/cli/fast-path.ts): reads the command line and prints a stored answer
// when one is fresh, in a small bundle of its own (dist/fast/fast-request.cjs), so that a stored answer does
// not load the views, the services and mingo. Anything it cannot read is left to oclif.
import type { Chunk } from '../backends/index/answer-cache.js'

type Kind = 'string' | 'boolean' | 'integer' | 'multiple'
interface FlagSpec { kind: Kind; char?: string; options?: readonly string[]; min?: number; max?: number }

const STATUSES = ['running', 'finished', 'failed', 'cancelled', 'interrupted']
const FORMATS = ['table', 'json', 'csv', 'md', 'latex']
const COMMON: Record<string, FlagSpec> = {
  json: { kind: 'boolean' }, config: { kind: 'string' },
  project: { kind: 'string', char: 'p' }, experiment: { kind: 'string', char: 'e' }, execution: { kind: 'string' },
  limit: { kind: 'integer', char: 'l', min: 1 }, where: { kind: 'string' }, filter: { kind: 'string', char: 'f' },
  deleted: { kind: 'boolean' }, sort: { kind: 'string', char: 's' }, columns: { kind: 'string' },
  format: { kind: 'string', options: FORMATS }, precision: { kind: 'integer', min: 0, max: 12 }, wide: { kind: 'boolean' },
}
const SPECS: Record<string, Record<string, FlagSpec>> = {
  'run list': { ...COMMON, run: { kind: 'string' }, status: { kind: 'string', options: STATUSES } },
  'metric compare_metrics': { ...COMMON, ascending: { kind: 'boolean' }, metric: { kind: 'multiple', char: 'm' }, stats: { kind: 'boolean' } },
}

export type ParsedFlags = Record<string, string | number | boolean | string[]>

/** The flags of a plain command line, or undefined where oclif must decide (never an error here). */
export function parseFast(specs: Record<string, FlagSpec>, args: string[]): ParsedFlags | undefined {
  const flags: ParsedFlags = {}
  const byChar = new Map(Object.entries(specs).filter(([, s]) => s.char).map(([n, s]) => [s.char!, n]))
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    let name: string | undefined
    let value: string | undefined
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq)
      if (eq >= 0) value = arg.slice(eq + 1)
    } else if (/^-[a-zA-Z]$/.test(arg)) name = byChar.get(arg[1])
    if (!name || !Object.hasOwn(specs, name)) return undefined
    const spec = specs[name]
    if (spec.kind === 'boolean') {
      if (value !== undefined || name in flags) return undefined
      flags[name] = true
      continue
    }
    if (value === undefined) {
      value = args[++i]
      if (value === undefined || value === '' || value.startsWith('-')) return undefined
    }
    if (value === '') return undefined
    if (spec.kind === 'multiple') {
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), value]
      continue
    }
    if (name in flags || (spec.options && !spec.options.includes(value))) return undefined
    if (spec.kind === 'integer') {
      if (!/^\d+$/.test(value)) return undefined
      const n = Number(value)
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return undefined
      flags[name] = n
    } else flags[name] = value
  }
  return flags
}

export interface StoredAnswer {
  hit?: Chunk[]
  keep(out: Chunk[], root: string): void
}

/** A plain command line the fast path answers, with how to keep its answer (no query: it may be stored). */
export interface FastRequest {
  command: string
  flags: ParsedFlags
  cached?: StoredAnswer
}

/** 'printed' when a stored answer was printed; the request for fastAnswer(); undefined: nothing was printed, let oclif run it. */
export async function fastRequest(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<FastRequest | 'printed' | undefined> {
  const command = argv.slice(0, 2).join(' ')
  const specs = SPECS[command]
  // PADRE_NO_FAST_PATH=1: always oclif (the tests compare both paths)
  if (!specs || env.PADRE_CONTENT_TYPE !== undefined || env.PADRE_NO_FAST_PATH) return undefined
  const flags = parseFast(specs, argv.slice(2))
  if (!flags) return undefined
  // without a query, the answer may be stored whole and printed again while the runs have not moved
  const cached = flags.where === undefined && flags.filter === undefined ? await cachedAnswer(command, flags) : undefined
  if (cached?.hit) {
    for (const [fd, text] of cached.hit) (fd === 1 ? process.stdout : process.stderr).write(text)
    return 'printed'
  }
  return { command, flags, cached }
}

/**
 * The stored answer of this request when the index state has not moved; else how to store the one about
 * to be made. The request names everything the config's meaning depends on (its path and text, HOME, the
 * working folder), so that the root_dir read here without the config module can only cause a miss.
 */
async function cachedAnswer(command: string, flags: ParsedFlags): Promise<StoredAnswer | undefined> {
  try {
    const [{ readFileSync }, { homedir }, { join, resolve }, cache] = await Promise.all([import('node:fs'), import('node:os'), import('node:path'), import('../backends/index/answer-cache.js')])
    const file = resolve((flags.config as string | undefined) ?? (process.env.PADRE_CONFIG || join(homedir(), '.padre.cfg')))
    let text: string | null = null
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined
    }
    const request = JSON.stringify([command, Object.entries(flags).filter(([k]) => k !== 'config').sort(), file, text, homedir(), process.cwd()])
    const root = cache.rootOf(text ?? '')
    const before = cache.indexState(root)
    return {
      hit: cache.readAnswer(root, request, before),
      keep(out, appRoot) {
        try {
          if (appRoot === root && cache.indexState(root).digest === before.digest) cache.writeAnswer(root, request, before, out)
        } catch { /* a derived file: the next command makes it again */ }
      },
    }
  } catch {
    return undefined
  }
}
