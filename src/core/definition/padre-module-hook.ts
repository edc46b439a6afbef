import { register } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PACKAGE_ROOT } from '../package-root.js'

let registered = false

/**
 * A definition file anywhere on disk may `import { defineExperiment } from 'padre'`: this resolve hook
 * points that specifier at the running padre, whether or not the file's folder has padre installed.
 */
export function registerPadreModule(): void {
  if (registered) return
  registered = true
  const target = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'index.js')).href
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier === 'padre') return { url: ${JSON.stringify(target)}, shortCircuit: true }
    return next(specifier, context)
  }`
  register(`data:text/javascript,${encodeURIComponent(hook)}`)
}
