import { createRequire, register } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PACKAGE_ROOT } from '../package-root.js'

let registered = false

/**
 * A definition file anywhere on disk may `import { defineExperiment } from 'padre'`, whether or not
 * its folder has padre installed. tsx loads a .ts file as ESM or as CommonJS depending on the nearest
 * package.json, so both resolvers learn where the running padre is.
 */
export function registerPadreModule(): void {
  if (registered) return
  registered = true
  const esmEntry = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'index.js')).href
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier === 'padre') return { url: ${JSON.stringify(esmEntry)}, shortCircuit: true }
    return next(specifier, context)
  }`
  register(`data:text/javascript,${encodeURIComponent(hook)}`)

  const cjsEntry = join(PACKAGE_ROOT, 'dist', 'cjs', 'core', 'definition', 'define.js')
  const Module = createRequire(import.meta.url)('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string }
  const resolveFilename = Module._resolveFilename
  Module._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'padre' ? cjsEntry : resolveFilename.call(this, request, ...rest)
  }
}
