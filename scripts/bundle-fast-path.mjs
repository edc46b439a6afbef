// `npm run build`, after tsc: bundles bin/run.js's fast path into two CommonJS files that bin/run.js compiles
// through node:vm with a V8 code cache each (src/cli/code-cache.ts): no ES module loading (resolve, link, ~25
// files) and no parsing on a warm start. dist/fast/fast-request.cjs reads the command line and prints a stored
// answer (src/cli/fast-request.ts, ~15 KB); dist/fast/fast-path.cjs answers the rest (src/cli/fast-path.ts,
// the views, services, index, mingo's query subpaths). The packages only a rare branch needs (git, S3,
// cli-table3 for non-ASCII tables) stay outside, required from node_modules when used, so the files and their
// caches stay small. dist/fast/ sits two levels under the package root like dist/core/, so PACKAGE_ROOT
// resolves the same.
import { build } from 'esbuild'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'

rmSync('dist/fast', { recursive: true, force: true })
const { outputFiles } = await build({
  entryPoints: ['dist/cli/fast-request.js', 'dist/cli/fast-path.js'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/fast',
  outExtension: { '.js': '.cjs' },
  write: false,
  logLevel: 'warning',
  // import() becomes require(): the files run as vm.Scripts, which have no module loader of their own
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__padreModuleUrl' },
  // strict as the ES modules it is made of: the directive must come before anything else
  banner: { js: "'use strict';\nconst __padreModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  external: ['isomorphic-git', 'isomorphic-git/*', '@aws-sdk/*', '@smithy/*', 'bowser', 'pako', 'cli-table3', 'diff3', 'ignore'],
})

// esbuild's lazy module wrappers also tell src/cli/code-cache.ts which modules a run initialised (the
// `__padreLoaded` set it passes in), so that a run reaching modules its code cache was not made with makes it again
const HOOKS = [
  ['var __esm = ', 'return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;', 'return fn && (typeof __padreLoaded == "object" && __padreLoaded.add(__getOwnPropNames(fn)[0]), res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;'],
  ['var __commonJS = ', 'return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;', 'return mod || (typeof __padreLoaded == "object" && __padreLoaded.add(__getOwnPropNames(cb)[0]), (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod)), mod.exports;'],
]
mkdirSync('dist/fast', { recursive: true })
for (const file of outputFiles) {
  let text = file.text
  for (const [declared, helper, hooked] of HOOKS) {
    if (!text.includes(declared)) continue
    if (text.split(helper).length !== 2) throw new Error(`${file.path}: esbuild's module wrapper changed; update scripts/bundle-fast-path.mjs`)
    text = text.replace(helper, hooked)
  }
  writeFileSync(file.path, text)
}
