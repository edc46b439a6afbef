import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { Script } from 'node:vm'

/**
 * A CommonJS bundle (dist/fast/fast-path.cjs) run through node:vm with a V8 code cache beside it, so that a
 * warm start neither parses nor compiles what the last run of the same kind compiled (Node 20 has no
 * module.enableCompileCache). The cache is made by a run that found none, or found one V8 refused (another
 * V8 or other flags), after its work, so that it holds the functions compiled lazily on the way. It names
 * the bundle's size, mtime and inode in a first line: V8 itself checks only the source's length. Any
 * problem with the cache only costs the compile: the bundle runs without it.
 */
export interface CachedBundle<T> {
  exports: T
  /** Keeps the cache when there was none or V8 refused it; call once the work is done. Never throws. */
  save(): void
  /** Whether V8 took the stored cache. */
  readonly cacheUsed: boolean
}

const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`

export function runWithCodeCache<T>(file: string, kind: string): CachedBundle<T> {
  const source = readFileSync(file, 'utf8')
  const s = statSync(file)
  const stamp = Buffer.from(`${s.size}:${s.mtimeMs}:${s.ino}\n`)
  const cacheFile = `${file}.${kind.replace(/[^\w-]/g, '_')}.${process.version}-${process.arch}.v8cache`
  let cachedData: Buffer | undefined
  try {
    const data = readFileSync(cacheFile)
    if (data.subarray(0, stamp.length).equals(stamp)) cachedData = data.subarray(stamp.length)
  } catch { /* none yet */ }
  const script = new Script(wrap(source), { filename: file, cachedData })
  const module = { exports: {} as T }
  ;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file))
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected
  return {
    exports: module.exports,
    cacheUsed,
    save() {
      if (cacheUsed) return
      try {
        const temp = `${cacheFile}.${process.pid}.tmp`
        writeFileSync(temp, Buffer.concat([stamp, script.createCachedData()]))
        renameSync(temp, cacheFile)
      } catch { /* a read-only install: every start compiles */ }
    },
  }
}
