/** The slice of libsvm-js (which ships no types) that svc.ts uses. */
declare module 'libsvm-js/asm.js' {
  interface SVMOptions {
    type?: string
    kernel?: string
    degree?: number
    gamma?: number
    coef0?: number
    cost?: number
    tolerance?: number
    shrinking?: boolean
    cacheSize?: number
    quiet?: boolean
  }
  class SVM {
    constructor(options: SVMOptions)
    train(samples: ArrayLike<number>[], labels: ArrayLike<number>): void
    predictOne(sample: ArrayLike<number>): number
    getLabels(): number[]
    getSVIndices(): number[]
    free(): void
    /** The svm_model pointer into the emscripten heap (null before training). */
    model: number | null
    serializeModel(): string
    static load(serializedModel: string): SVM
    static SVM_TYPES: { C_SVC: string; NU_SVC: string; ONE_CLASS: string; EPSILON_SVR: string; NU_SVR: string }
    static KERNEL_TYPES: { LINEAR: string; POLYNOMIAL: string; RBF: string; SIGMOID: string; PRECOMPUTED: string }
  }
  export default SVM
}

/** The emscripten module behind libsvm-js/asm.js (the same instance: node caches it), for reading a model's exact numbers. */
declare module 'libsvm-js/out/asm/libsvm.js' {
  const libsvm: { HEAP32: Int32Array; HEAPF64: Float64Array; printErr: (text: string) => void }
  export default libsvm
}
