/**
 * A libsvm model as libsvm's own text, exactly. libsvm's svm_save_model prints rho and gamma with %g
 * (6 digits) and support vectors with %.8g, so a model reloaded from it decides differently near the
 * margin. Here the text is written from the model's exact doubles, read from the emscripten heap, as
 * shortest round-trip decimals, which libsvm's parser (musl's strtod) reads back bit for bit
 * (test/models/svc-state.test.ts checks every number of every fixture model).
 */

export interface LibsvmHeap {
  HEAP32: Int32Array
  HEAPF64: Float64Array
  /** Where libsvm's C code writes its stderr lines (looked up on every line). */
  printErr: (text: string) => void
}

/** Runs `run` with libsvm's stderr lines collected instead of printed (a command prints one error line, not libsvm's too). */
export function collectingErrors<T>(heap: LibsvmHeap, run: () => T): { result: T; errors: string[] } {
  const errors: string[] = []
  const printErr = heap.printErr
  heap.printErr = (text) => errors.push(text)
  try {
    return { result: run(), errors }
  } finally {
    heap.printErr = printErr
  }
}

/** What a C-SVC prediction reads from a model. */
export interface LibsvmNumbers {
  svmType: number
  kernelType: number
  degree: number
  gamma: number
  coef0: number
  nrClass: number
  /** Number of support vectors. */
  l: number
  label: Int32Array
  nSV: Int32Array
  /** nrClass·(nrClass − 1)/2 decision offsets. */
  rho: Float64Array
  /** (nrClass − 1) × l, row-major. */
  svCoef: Float64Array
  /** Nodes per support vector, then all their (index, value) pairs in order. */
  svLength: Int32Array
  svIndex: Int32Array
  svValue: Float64Array
}

/**
 * Byte offsets in struct svm_model of libsvm-js 0.2's asm.js build (libsvm 3.2x, 32-bit pointers, doubles
 * 8-aligned): svm_parameter (96 bytes) first, then nr_class, l, SV, sv_coef, rho, probA, probB, sv_indices, label, nSV.
 * checkModel compares what it reads with what libsvm-js reports, so a different layout fails loudly.
 */
const AT = { svmType: 0, kernelType: 4, degree: 8, gamma: 16, coef0: 24, nrClass: 96, l: 100, SV: 104, svCoef: 108, rho: 112, probA: 116, probB: 120, label: 128, nSV: 132 }
const C_SVC = 0
const LINEAR = 0
const POLY = 1
const SIGMOID = 3
/** svm_node { int index; double value }: 16 bytes; the list of a support vector ends with index −1. */
const NODE = 16
const MAX_NODES = 1 << 20

export function readModel(heap: LibsvmHeap, model: number): LibsvmNumbers {
  const bytes = heap.HEAP32.byteLength
  const inHeap = (at: number): number => {
    if (!(at > 0 && at < bytes)) throw new Error("svc: libsvm-js's model is not laid out as padre expects (a pointer outside its memory)")
    return at
  }
  const int = (at: number): number => heap.HEAP32[inHeap(at) >> 2]
  const dbl = (at: number): number => heap.HEAPF64[inHeap(at) >> 3]
  if (model % 8 !== 0) throw new Error('svc: a libsvm model pointer that is not 8-byte aligned')
  const nrClass = int(model + AT.nrClass)
  const l = int(model + AT.l)
  // probability models (probA/probB) are not what padre trains: their text would need those lines too
  if (int(model + AT.svmType) !== C_SVC || !(nrClass >= 2 && l >= 1 && l <= MAX_NODES) || heap.HEAP32[(model + AT.probA) >> 2] || heap.HEAP32[(model + AT.probB) >> 2]) {
    throw new Error("svc: libsvm-js's model is not laid out as padre expects (a C-SVC with classes and support vectors)")
  }
  const ints = (pointer: number, n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => int(pointer + 4 * i))
  const dbls = (pointer: number, n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => dbl(pointer + 8 * i))
  const pairs = (nrClass * (nrClass - 1)) / 2
  const svCoef = new Float64Array((nrClass - 1) * l)
  const coefRows = int(model + AT.svCoef)
  for (let j = 0; j < nrClass - 1; j++) svCoef.set(dbls(int(coefRows + 4 * j), l), j * l)
  const svLength = new Int32Array(l)
  // the nodes straight from the heap's views (the same reads and checks as int() and dbl(), without a call per number)
  const { HEAP32, HEAPF64 } = heap
  let svIndex = new Int32Array(1024)
  let svValue = new Float64Array(1024)
  let count = 0
  const svs = int(model + AT.SV)
  for (let k = 0; k < l; k++) {
    let node = int(svs + 4 * k)
    for (;;) {
      const index = HEAP32[inHeap(node) >> 2]
      if (index === -1) break
      if (++svLength[k] > MAX_NODES) throw new Error("svc: a libsvm support vector without its end marker: the model's layout is not the one padre expects")
      if (count === svIndex.length) {
        svIndex = grow(svIndex, new Int32Array(2 * count))
        svValue = grow(svValue, new Float64Array(2 * count))
      }
      svIndex[count] = index
      svValue[count] = HEAPF64[inHeap(node + 8) >> 3]
      count++
      node += NODE
    }
  }
  return {
    svmType: C_SVC,
    kernelType: int(model + AT.kernelType),
    degree: int(model + AT.degree),
    gamma: dbl(model + AT.gamma),
    coef0: dbl(model + AT.coef0),
    nrClass,
    l,
    label: ints(int(model + AT.label), nrClass),
    nSV: ints(int(model + AT.nSV), nrClass),
    rho: dbls(int(model + AT.rho), pairs),
    svCoef,
    svLength,
    svIndex: svIndex.slice(0, count),
    svValue: svValue.slice(0, count),
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from)
  return to
}

/** Shortest text that parses back to the same double (−0 kept). */
const exact = (v: number): string => (Object.is(v, -0) ? '-0' : String(v))

const KERNELS = ['linear', 'polynomial', 'rbf', 'sigmoid']

/**
 * libsvm's model text (the format of svm_save_model, read by svm_load_model) with every number exact.
 * Written here rather than patched into serializeModel()'s output: libsvm's own printf and scanf in asm.js
 * took half as long as the fit itself on a model of 900 support vectors (bench/model-state.mjs).
 */
export function modelText(n: LibsvmNumbers): string {
  const k = n.kernelType
  const lines = ['svm_type c_svc', `kernel_type ${KERNELS[k]}`]
  if (k === POLY) lines.push(`degree ${n.degree}`)
  if (k !== LINEAR) lines.push(`gamma ${exact(n.gamma)}`)
  if (k === POLY || k === SIGMOID) lines.push(`coef0 ${exact(n.coef0)}`)
  lines.push(`nr_class ${n.nrClass}`, `total_sv ${n.l}`, `rho ${Array.from(n.rho, exact).join(' ')}`)
  lines.push(`label ${n.label.join(' ')}`, `nr_sv ${n.nSV.join(' ')}`, 'SV')
  let node = 0
  for (let i = 0; i < n.l; i++) {
    let line = ''
    for (let j = 0; j < n.nrClass - 1; j++) line += `${exact(n.svCoef[j * n.l + i])} `
    for (let end = node + n.svLength[i]; node < end; node++) line += `${n.svIndex[node]}:${exact(n.svValue[node])} `
    lines.push(line)
  }
  return lines.join('\n') + '\n'
}

/**
 * What was read from memory against what libsvm-js reports through its API (labels, support-vector count)
 * and what the data allow (feature indices 1..nFeatures, ascending): a different struct layout fails here.
 */
export function checkModel(n: LibsvmNumbers, expected: { labels: number[]; supportVectors: number; nFeatures: number }): void {
  const fail = (what: string): never => {
    throw new Error(`svc: the libsvm model in memory disagrees with libsvm-js on ${what}: libsvm-js's model layout is not the one padre expects`)
  }
  if (!(n.kernelType >= 0 && n.kernelType < KERNELS.length)) fail('the kernel')
  if (n.label.join(' ') !== expected.labels.join(' ')) fail('the labels')
  if (n.l !== expected.supportVectors || n.nSV.reduce((a, b) => a + b, 0) !== n.l) fail('the number of support vectors')
  let node = 0
  for (let i = 0; i < n.l; i++) {
    for (let f = 0, end = node + n.svLength[i]; node < end; node++) {
      if (!(n.svIndex[node] > f && n.svIndex[node] <= expected.nFeatures)) fail(`the features of support vector ${i}`)
      f = n.svIndex[node]
    }
  }
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false
  return true
}

/** Every number a prediction reads, bit for bit (the kernel's parameters only where the kernel uses them: libsvm writes no others). */
export function sameModel(a: LibsvmNumbers, b: LibsvmNumbers): boolean {
  const k = a.kernelType
  const scalars: Array<keyof LibsvmNumbers> = ['svmType', 'kernelType', 'nrClass', 'l']
  if (k === POLY) scalars.push('degree')
  if (k !== LINEAR) scalars.push('gamma')
  if (k === POLY || k === SIGMOID) scalars.push('coef0')
  const arrays = ['label', 'nSV', 'rho', 'svCoef', 'svLength', 'svIndex', 'svValue'] as const
  return scalars.every((key) => Object.is(a[key], b[key])) && arrays.every((key) => sameBits(a[key], b[key]))
}
