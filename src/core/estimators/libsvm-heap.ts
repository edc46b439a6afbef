// A static import: the emscripten module is a thenable (Module.then), so awaiting a dynamic import() whose
// namespace exposes it as such never settles. Node caches the module, so this is asm.js's instance.
import libsvm from 'libsvm-js/out/asm/libsvm.js'
import type { LibsvmHeap } from './libsvm-state.js'

export const heap: LibsvmHeap = libsvm
