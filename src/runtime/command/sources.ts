import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { InvalidInputError } from '../../core/errors.js'
import type { CommandSourceFile, CommandSpec, ComponentSpec } from '../../core/model/types.js'

const SCRIPT = /\.(py|r|jl|sh|bash|js|mjs|cjs|ts|rb|pl|m|lua|jar)$/i
/** Larger files are versioned by their hash only; their text is not copied into execution.json. */
const MAX_SOURCE_BYTES = 1024 * 1024

const isFile = (path: string) => existsSync(path) && statSync(path).isFile()

/**
 * The files a command's argv names: arguments that are existing files, and the program itself when it
 * is given as a path (`./train.sh`), not an interpreter looked up on PATH (`python3`, `/usr/bin/python3`).
 */
export function scriptPaths(command: CommandSpec, baseDir: string): string[] {
  const [program, ...args] = command.run
  const candidates = [...(!isAbsolute(program) && program.includes('/') ? [program] : []), ...args]
  return candidates.map((a) => resolve(baseDir, a)).filter(isFile)
}

/** Every file a command component names, read: the script(s) in its argv and its `files`. */
export function commandSources(pipeline: ComponentSpec[], baseDir: string): CommandSourceFile[] {
  const out: CommandSourceFile[] = []
  for (const spec of pipeline) {
    if (!spec.command) continue
    const { command } = spec
    for (const arg of command.run.slice(1)) {
      if (SCRIPT.test(arg) && !isFile(resolve(baseDir, arg))) {
        throw new InvalidInputError(`Component '${spec.component}': its script '${arg}' does not exist (paths in run are relative to ${baseDir}).`)
      }
    }
    for (const file of command.files ?? []) {
      if (!isFile(resolve(baseDir, file))) throw new InvalidInputError(`Component '${spec.component}': file '${file}' in files does not exist (paths are relative to ${baseDir}).`)
    }
    const paths = [...new Set([...scriptPaths(command, baseDir), ...(command.files ?? []).map((f) => resolve(baseDir, f))])]
    for (const path of paths) out.push(read(spec.component, path, baseDir))
  }
  return out
}

function read(component: string, path: string, baseDir: string): CommandSourceFile {
  const content = readFileSync(path)
  const contentHash = createHash('sha256').update(content).digest('hex')
  const text = content.length <= MAX_SOURCE_BYTES && !content.includes(0) ? { source: content.toString('utf8') } : {}
  return { component, path: relative(baseDir, path).split(sep).join('/'), contentHash, bytes: content.length, ...text }
}

/** One hash over every source's path and content: part of the code version. */
export function sourcesHash(sources: CommandSourceFile[]): string {
  const hash = createHash('sha256')
  for (const s of sources) hash.update(`${s.component}\0${s.path}\0${s.contentHash}\n`)
  return hash.digest('hex')
}
