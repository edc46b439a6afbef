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
    static SVM_TYPES: { C_SVC: string; NU_SVC: string; ONE_CLASS: string; EPSILON_SVR: string; NU_SVR: string }
    static KERNEL_TYPES: { LINEAR: string; POLYNOMIAL: string; RBF: string; SIGMOID: string; PRECOMPUTED: string }
  }
  export default SVM
}
