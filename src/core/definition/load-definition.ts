import { access } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { InvalidInputError, NotFoundError } from '../errors.js'
import type { ExperimentDefinition } from '../model/types.js'
import { checkDefinition } from './check-definition.js'
import { registerPadreModule } from './padre-module-hook.js'
import { bindCommandComponents } from '../../runtime/command/bind.js'

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs']

/** Imports a definition file at run time; TypeScript goes through tsx, loaded only then. */
export async function loadDefinitionFile(file: string): Promise<{ file: string; definition: ExperimentDefinition }> {
  const path = resolve(file)
  if (!EXTENSIONS.includes(extname(path))) throw new InvalidInputError(`Cannot load '${file}': a definition file ends in ${EXTENSIONS.join(', ')}.`)
  try {
    await access(path)
  } catch {
    throw new NotFoundError(`Definition file '${file}' not found. Create one with 'padre experiment initialize --name <name>'.`)
  }
  registerPadreModule()
  let module: { default?: unknown }
  try {
    module = extname(path) === '.ts' && !isModulePackage(dirname(path))
      ? await requireTypeScript(path)
      : extname(path).endsWith('ts')
        ? await (await import('tsx/esm/api')).tsImport(pathToFileURL(path).href, import.meta.url)
        : await import(`${pathToFileURL(path).href}?t=${Date.now()}`)
  } catch (error) {
    throw new InvalidInputError(`Cannot load '${file}': ${firstLine(error)}`)
  }
  const exported = (module.default as { default?: unknown } | undefined)?.default ?? module.default
  const definition = checkDefinition(exported, file)
  bindCommandComponents(definition, path)
  return { file: path, definition }
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]

/**
 * A .ts file outside a "type": "module" package is CommonJS: loaded through tsx's require hook, so
 * stack traces point at the file's own lines (a component's failure is reported as file:line).
 * What it loads is dropped from the require cache afterwards, so the shell sees edits on the next load.
 */
async function requireTypeScript(path: string): Promise<{ default?: unknown }> {
  const cache = (createRequire(import.meta.url)('node:module') as { _cache: Record<string, unknown> })._cache
  const before = new Set(Object.keys(cache))
  try {
    return (await import('tsx/cjs/api')).require(path, import.meta.url) as { default?: unknown }
  } finally {
    for (const key of Object.keys(cache)) if (!before.has(key)) delete cache[key]
  }
}

function isModulePackage(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    try {
      return (JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { type?: string }).type === 'module'
    } catch {
      if (dirname(d) === d) return false
    }
  }
}
