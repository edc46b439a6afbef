import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { Script } from 'node:vm'

/**
 * A CommonJS bundle (dist/fast/*.cjs) run through node:vm with a V8 code cache beside it, so that a warm
 * start neither parses nor compiles what earlier runs of the same kind compiled (Node 20 has no
 * module.enableCompileCache). The cache is made after the work, so that it holds the functions compiled
 * lazily on the way: by a run that found none, or one V8 refused (another V8, other flags), or a run that
 * initialised a module of the bundle the cache was not made with (the bundle reports them in the
 * `__padreLoaded` set, see scripts/bundle-fast-path.mjs); such a cache keeps what it had and adds the rest.
 * Its first line is the bundle's size, mtime and inode (V8 itself checks only the source's length), its
 * second the modules it was made with. Any problem with it only costs the compile.
 */
export interface CachedBundle<T> {
  exports: T
  /** Keeps the cache when there was none, V8 refused it, or this run went further; call once the work is done. True when written; never throws. */
  save(): boolean
  /** Whether V8 took the stored cache. */
  readonly cacheUsed: boolean
}

const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname, __padreLoaded) {${source}\n})`

export function runWithCodeCache<T>(file: string, kind: string): CachedBundle<T> {
  const source = readFileSync(file, 'utf8')
  const s = statSync(file)
  const stamp = `${s.size}:${s.mtimeMs}:${s.ino}`
  const cacheFile = `${file}.${kind.replace(/[^\w-]/g, '_')}.${process.version}-${process.arch}.v8cache`
  let cachedData: Buffer | undefined
  let made: string[] = []
  try {
    const data = readFileSync(cacheFile)
    const first = data.indexOf(10)
    const second = data.indexOf(10, first + 1)
    if (first > 0 && second > first && data.toString('latin1', 0, first) === stamp) {
      made = JSON.parse(data.toString('utf8', first + 1, second)) as string[]
      cachedData = data.subarray(second + 1)
    }
  } catch { /* none yet, or not one this code wrote */ }
  const script = new Script(wrap(source), { filename: file, cachedData })
  const module = { exports: {} as T }
  const loaded = new Set<string>()
  ;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file), loaded)
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected
  return {
    exports: module.exports,
    cacheUsed,
    save() {
      const known = new Set(cacheUsed ? made : [])
      if (cacheUsed && [...loaded].every((m) => known.has(m))) return false
      try {
        const temp = `${cacheFile}.${process.pid}.tmp`
        writeFileSync(temp, Buffer.concat([Buffer.from(`${stamp}\n${JSON.stringify([...new Set([...known, ...loaded])])}\n`), script.createCachedData()]))
        renameSync(temp, cacheFile)
        return true
      } catch {
        return false // a read-only install: every start compiles
      }
    },
  }
}
