import { expandHome } from './config/load.js'
import { ConfigError } from './errors.js'

export const BACKEND_SCHEMES = ['git', 'file', 'memory'] as const
export type BackendScheme = (typeof BACKEND_SCHEMES)[number]

/** One member of [BACKEND] uri: git and file name a root_dir, memory nothing. */
export interface BackendSpec {
  scheme: BackendScheme
  /** Absolute root for git and file. */
  root?: string
  /** As shown in messages: git:///home/me/.padre, file:///x, memory:// */
  uri: string
}

/**
 * `[BACKEND] uri`: one URI, or several separated by commas for a composite (writes to all, reads from
 * the first). `git://` and `file://` take a path after the scheme (`git://~/.padre`, `file:///mnt/x`);
 * with none they use [LOCAL BACKEND] root_dir. Unset: `git://<root_dir>`, today's behaviour.
 */
export function parseBackendUris(text: string | undefined, rootDir: string, where = '[BACKEND] uri'): BackendSpec[] {
  if (text === undefined || text.trim() === '') return [{ scheme: 'git', root: rootDir, uri: `git://${rootDir}` }]
  const specs = text.split(',').map((part) => part.trim()).map((uri, i, all): BackendSpec => {
    const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(.*)$/.exec(uri)
    const accepted = 'git://<path>, file://<path> or memory:// (several separated by commas)'
    if (!uri) throw new ConfigError(`${where}: member ${i + 1} of ${all.length} is empty; use ${accepted}.`)
    if (!match) throw new ConfigError(`${where}: '${uri}' is not a backend URI; use ${accepted}.`)
    const scheme = match[1].toLowerCase()
    if (!(BACKEND_SCHEMES as readonly string[]).includes(scheme)) throw new ConfigError(`${where}: unknown backend scheme '${scheme}://' in '${uri}'; use ${accepted}.`)
    if (scheme === 'memory') {
      if (match[2]) throw new ConfigError(`${where}: memory:// takes no path (got '${uri}').`)
      return { scheme: 'memory', uri: 'memory://' }
    }
    const root = match[2] ? expandHome(match[2]) : rootDir
    return { scheme: scheme as BackendScheme, root, uri: `${scheme}://${root}` }
  })
  specs.forEach((spec, i) => {
    const twin = specs.findIndex((other) => other.root !== undefined && other.root === spec.root)
    if (spec.root !== undefined && twin !== i) throw new ConfigError(`${where}: members ${twin + 1} and ${i + 1} both use ${spec.root}; give each member its own folder.`)
  })
  return specs
}
