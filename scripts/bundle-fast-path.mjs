// `npm run build`, after tsc: bundles bin/run.js's fast path (src/cli/fast-path.ts, the views, services, index,
// mingo's query subpaths) into one CommonJS file, dist/fast/fast-path.cjs, that bin/run.js compiles through
// node:vm with a V8 code cache (src/cli/code-cache.ts): no ES module loading (resolve, link, ~25 files) and no
// parsing on a warm start. The packages only a rare branch needs (git, S3, cli-table3 for non-ASCII tables)
// stay outside, required from node_modules when used, so the file and its cache stay small. dist/fast/ sits
// two levels under the package root like dist/core/, so PACKAGE_ROOT resolves the same.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'

rmSync('dist/fast', { recursive: true, force: true })
await build({
  entryPoints: ['dist/cli/fast-path.js'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/fast/fast-path.cjs',
  logLevel: 'warning',
  // import() becomes require(): the file runs as a vm.Script, which has no module loader of its own
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__padreModuleUrl' },
  banner: { js: "const __padreModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  external: ['isomorphic-git', 'isomorphic-git/*', '@aws-sdk/*', '@smithy/*', 'bowser', 'pako', 'cli-table3', 'diff3', 'ignore'],
})
