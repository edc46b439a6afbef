import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { PACKAGE_ROOT } from '../../core/package-root.js'

/** The page's own files (no build step: plain ES modules), served from the package. */
const WEB = ['index.html', 'style.css', 'app.js', 'api.js', 'util.js', 'home.js', 'runs.js', 'run.js', 'compare.js', 'chart.js']

/** Browser builds of the dependencies: URL name → file inside the package's node_modules. */
const VENDOR: Record<string, [string, string]> = {
  'preact.js': ['preact', 'dist/preact.module.js'],
  'preact-hooks.js': ['preact', 'hooks/dist/hooks.module.js'],
  'htm.js': ['htm', 'dist/htm.module.js'],
  'vega.js': ['vega', 'build/vega.min.js'],
  'vega-lite.js': ['vega-lite', 'build/vega-lite.min.js'],
  'vega-embed.js': ['vega-embed', 'build/vega-embed.min.js'],
}

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' }

export interface Asset {
  body: Buffer
  type: string
}

/**
 * An asset by its name in the allow-list, or undefined. Names are looked up, never joined to a path
 * from the request, so nothing else on disk can be reached through here. Files are read once.
 */
export class Assets {
  private cache = new Map<string, Promise<Asset>>()
  private readonly files = new Map<string, string>()

  constructor(webDir = join(PACKAGE_ROOT, 'src', 'ui', 'web')) {
    for (const name of WEB) this.files.set(name, join(webDir, name))
    for (const [name, [pkg, file]] of Object.entries(VENDOR)) {
      const dir = packageDir(pkg)
      if (dir) this.files.set(`vendor/${name}`, join(dir, file))
    }
  }

  get(name: string): Promise<Asset> | undefined {
    const file = this.files.get(name)
    if (!file) return undefined
    let asset = this.cache.get(name)
    if (!asset) {
      asset = readFile(file).then((body) => ({ body, type: TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream' }))
      asset.catch(() => this.cache.delete(name))
      this.cache.set(name, asset)
    }
    return asset
  }
}

/** The package's folder in the nearest node_modules above padre (where node itself would find it). */
function packageDir(name: string): string | undefined {
  for (let dir = PACKAGE_ROOT; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dirname(dir) === dir) return undefined
  }
}
