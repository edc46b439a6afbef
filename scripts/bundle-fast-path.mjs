// `npm run build`, after tsc: bundles bin/run.js's fast path into two CommonJS files that bin/run.js compiles
// through node:vm with a V8 code cache each (src/cli/code-cache.ts): no ES module loading (resolve, link, ~25
// files) and no parsing on a warm start. dist/fast/fast-request.cjs reads the command line and prints a stored
// answer (src/cli/fast-request.ts, ~15 KB); dist/fast/fast-path.cjs answers the rest (src/cli/fast-path.ts,
// the views, services, index, mingo's query subpaths). The packages only a rare branch needs (git, S3, cli-table3 for non-ASCII tables)
// stay outside, required from node_modules when used, so the file and its cache stay small. dist/fast/ sits
// two levels under the package root like dist/core/, so PACKAGE_ROOT resolves the same.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'

rmSync('dist/fast', { recursive: true, force: true })
await build({
  entryPoints: ['dist/cli/fast-request.js', 'dist/cli/fast-path.js'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/fast',
  outExtension: { '.js': '.cjs' },
  logLevel: 'warning',
  // import() becomes require(): the file runs as a vm.Script, which has no module loader of its own
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__padreModuleUrl' },
  banner: { js: "const __padreModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  external: ['isomorphic-git', 'isomorphic-git/*', '@aws-sdk/*', '@smithy/*', 'bowser', 'pako', 'cli-table3', 'diff3', 'ignore'],
})
