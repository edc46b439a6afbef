// `npm run build`, after tsc: bundles bin/run.js's fast path (src/cli/fast-path.ts, the views, services, index,
// mingo's query subpaths, cli-table3) into dist/fast/ with esbuild, so that a `run list --where` loads a few
// files instead of ~150 small ones. Lazy imports stay separate chunks, loaded only when used. dist/fast/ sits
// two levels under the package root like dist/core/, so PACKAGE_ROOT resolves the same.
import { build } from 'esbuild'

await build({
  entryPoints: ['dist/cli/fast-path.js'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/fast',
  logLevel: 'warning',
  // the CommonJS packages inside the bundle require Node's built-in modules
  banner: { js: "import { createRequire as __padreCreateRequire } from 'node:module'; const require = __padreCreateRequire(import.meta.url);" },
})
