/**
 * A libsvm model as libsvm's own text, exactly. libsvm's svm_save_model prints rho and gamma with %g
 * (6 digits) and support vectors with %.8g, so a reloaded model decides differently near the margin.
 * Here the numbers of that text are replaced by the model's exact doubles, read from the emscripten
 * heap, and the text is checked by loading it back: every number must come back bit for bit.
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
 * exactModelText checks what it reads against libsvm's own text, so a different layout fails loudly.
 */
const AT = { svmType: 0, kernelType: 4, degree: 8, gamma: 16, coef0: 24, nrClass: 96, l: 100, SV: 104, svCoef: 108, rho: 112, label: 128, nSV: 132 }
const C_SVC = 0
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
  if (int(model + AT.svmType) !== C_SVC || !(nrClass >= 2 && nrClass <= l) || l > MAX_NODES) {
    throw new Error("svc: libsvm-js's model is not laid out as padre expects (a C-SVC with classes and support vectors)")
  }
  const ints = (pointer: number, n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => int(pointer + 4 * i))
  const dbls = (pointer: number, n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => dbl(pointer + 8 * i))
  const pairs = (nrClass * (nrClass - 1)) / 2
  const svCoef = new Float64Array((nrClass - 1) * l)
  const coefRows = int(model + AT.svCoef)
  for (let j = 0; j < nrClass - 1; j++) svCoef.set(dbls(int(coefRows + 4 * j), l), j * l)
  const svLength = new Int32Array(l)
  const svIndex: number[] = []
  const svValue: number[] = []
  const svs = int(model + AT.SV)
  for (let k = 0; k < l; k++) {
    let node = int(svs + 4 * k)
    while (int(node) !== -1) {
      if (++svLength[k] > MAX_NODES) throw new Error("svc: a libsvm support vector without its end marker: the model's layout is not the one padre expects")
      svIndex.push(int(node))
      svValue.push(dbl(node + 8))
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
    svIndex: Int32Array.from(svIndex),
    svValue: Float64Array.from(svValue),
  }
}

/** Shortest text that parses back to the same double (−0 kept). */
const exact = (v: number): string => (Object.is(v, -0) ? '-0' : String(v))

const mismatch = (what: string): Error =>
  new Error(`svc: libsvm's model text and the model in memory disagree on ${what}: libsvm-js's model layout is not the one padre expects`)

/** libsvm's text of the model (serializeModel()) with every number made exact from `n`. */
export function exactModelText(text: string, n: LibsvmNumbers): string {
  const lines = text.split('\n')
  const sv = lines.indexOf('SV')
  if (sv < 0) throw mismatch('where the support vectors start')
  const ints = (values: Int32Array): string => Array.from(values).join(' ')
  for (let i = 0; i < sv; i++) {
    const [key, ...values] = lines[i].split(' ')
    if (key === 'gamma') lines[i] = `gamma ${exact(n.gamma)}`
    else if (key === 'coef0') lines[i] = `coef0 ${exact(n.coef0)}`
    else if (key === 'rho') lines[i] = `rho ${Array.from(n.rho, exact).join(' ')}`
    else if (key === 'degree' && Number(values[0]) !== n.degree) throw mismatch('degree')
    else if (key === 'nr_class' && Number(values[0]) !== n.nrClass) throw mismatch('the number of classes')
    else if (key === 'total_sv' && Number(values[0]) !== n.l) throw mismatch('the number of support vectors')
    else if (key === 'label' && values.join(' ') !== ints(n.label)) throw mismatch('the labels')
    else if (key === 'nr_sv' && values.join(' ') !== ints(n.nSV)) throw mismatch('the support vectors per class')
  }
  let node = 0
  for (let k = 0; k < n.l; k++) {
    const tokens = (lines[sv + 1 + k] ?? '').trim().split(' ').filter(Boolean)
    const coefs = n.nrClass - 1
    if (tokens.length !== coefs + n.svLength[k]) throw mismatch(`support vector ${k}`)
    const out: string[] = []
    for (let j = 0; j < coefs; j++) out.push(exact(n.svCoef[j * n.l + k]))
    for (let t = coefs; t < tokens.length; t++, node++) {
      if (Number(tokens[t].split(':')[0]) !== n.svIndex[node]) throw mismatch(`the features of support vector ${k}`)
      out.push(`${n.svIndex[node]}:${exact(n.svValue[node])}`)
    }
    lines[sv + 1 + k] = out.join(' ') + ' '
  }
  return lines.join('\n')
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false
  return true
}

const LINEAR = 0
const POLY = 1
const SIGMOID = 3

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
