import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import type SVMClass from 'libsvm-js/asm.js'
import type { LibsvmHeap } from './libsvm-state.js'

type LibSVM = typeof SVMClass
interface EmscriptenModule {
  load(): Promise<void>
}

let loading: Promise<{ SVM: LibSVM; heap: LibsvmHeap }> | undefined

/**
 * libsvm-js's WebAssembly build (about twice as fast as its asm.js build, same libsvm), loaded by
 * padre rather than by the package's wasm.js: emscripten's loader tries `fetch` on a file path first,
 * which fails in node (two lines on stderr) and never settles under jest's vm modules. Evaluating the
 * same glue with `fetch` shadowed sends it straight to its node path: the .wasm read from disk and
 * instantiated from the bytes. `process` is shadowed too, so the glue's
 * process.on('unhandledRejection', () => process.exit(1)) does not take over padre's process.
 */
export function loadLibsvmWasm(): Promise<{ SVM: LibSVM; heap: LibsvmHeap }> {
  loading ??= load()
  return loading
}

async function load(): Promise<{ SVM: LibSVM; heap: LibsvmHeap }> {
  const require = createRequire(import.meta.url)
  const file = require.resolve('libsvm-js/out/wasm/libsvm.js')
  const source = readFileSync(file, 'utf8')
  const module = { exports: {} as unknown }
  const proc = Object.create(process, { on: { value: () => proc } }) as NodeJS.Process
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the package's own glue, evaluated as a CommonJS module
  new Function('module', 'exports', 'require', '__dirname', '__filename', 'fetch', 'process', source)(module, module.exports, require, dirname(file), file, undefined, proc)
  const libsvm = module.exports as EmscriptenModule
  await libsvm.load()
  const loadSVM = require('libsvm-js/src/loadSVM.js') as (libsvm: EmscriptenModule) => LibSVM
  // The module is also libsvm's memory (HEAP32, HEAPF64, printErr): saved svc models are read from it exactly.
  return { SVM: loadSVM(libsvm), heap: libsvm as unknown as LibsvmHeap }
}
