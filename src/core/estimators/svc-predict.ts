import type { LibsvmNumbers } from './libsvm-state.js'
import { SvcDistances } from './svc-wasm.js'

const RBF = 2
const TINY = 1e-290
/** Queries per pass over the support vectors (independent sums: the additions overlap instead of waiting on each other). */
const BLOCK = 4

/**
 * An RBF C-SVC's decision function over dense rows, many rows per pass, in place of libsvm-js's
 * predict_one (one JS→wasm call, one malloc'd svm_node list and one sparse merge per row and support
 * vector). Each kernel value is libsvm's arithmetic in libsvm's order (squared differences summed in
 * feature order, exp(−γ·sum)), and so is each one-vs-one sum (coefficients × kernel values in support
 * vector order, minus rho) and the vote. The one step that may differ is exp: V8's Math.exp against the
 * exp compiled into libsvm's WebAssembly, both within an ulp of the exact value. So a row any of whose
 * sums lies within `margin` of 0 (far wider than those ulps can move it) is left to libsvm itself
 * (`undecided`), and every other row gets libsvm's prediction.
 */
export class DenseRbf {
  private readonly sv: Float64Array
  private readonly start: Int32Array
  /** The WebAssembly SIMD distances (undefined where unavailable), made at the first prediction. */
  private simd: SvcDistances | undefined | null = null

  private constructor(private readonly n: LibsvmNumbers, private readonly cols: number) {
    this.sv = n.svValue
    this.start = new Int32Array(n.nrClass)
    for (let i = 1; i < n.nrClass; i++) this.start[i] = this.start[i - 1] + n.nSV[i - 1]
  }

  /** Undefined unless the model is an RBF C-SVC whose every support vector lists features 1..cols in order (libsvm-js's dense rows). */
  static from(n: LibsvmNumbers, cols: number): DenseRbf | undefined {
    if (n.kernelType !== RBF || n.svValue.length !== n.l * cols) return undefined
    for (let k = 0; k < n.l; k++) if (n.svLength[k] !== cols) return undefined
    for (let i = 0; i < n.svIndex.length; i++) if (n.svIndex[i] !== (i % cols) + 1) return undefined
    return new DenseRbf(n, cols)
  }

  /** Writes libsvm's label for each row of X (rows × cols, row-major) into out; returns the rows left undecided. */
  predict(X: Float64Array, rows: number, out: Float64Array): number[] {
    if (this.simd === null) this.simd = SvcDistances.create(this.sv, this.n.l, this.cols)
    return this.simd ? this.predictSimd(this.simd, X, rows, out) : this.predictJs(X, rows, out)
  }

  private predictSimd(simd: SvcDistances, X: Float64Array, rows: number, out: Float64Array): number[] {
    const { l } = this.n
    const gamma = -this.n.gamma
    const block = SvcDistances.block
    const kvalue = new Float64Array(block * l)
    const undecided: number[] = []
    const votes = new Int32Array(this.n.nrClass)
    for (let r0 = 0; r0 < rows; r0 += block) {
      const n = Math.min(block, rows - r0)
      const { d2, stride } = simd.distances(X, r0, n)
      for (let k = 0; k < l; k++) {
        const at = k * stride
        for (let b = 0; b < n; b++) kvalue[b * l + k] = Math.exp(gamma * d2[at + b])
      }
      for (let b = 0; b < n; b++) {
        const label = this.vote(kvalue, b * l, votes)
        if (label === undefined) undecided.push(r0 + b)
        else out[r0 + b] = label
      }
    }
    return undecided
  }

  private predictJs(X: Float64Array, rows: number, out: Float64Array): number[] {
    const { l } = this.n
    const cols = this.cols
    const sv = this.sv
    const gamma = -this.n.gamma
    const kvalue = new Float64Array(BLOCK * l)
    const undecided: number[] = []
    const votes = new Int32Array(this.n.nrClass)
    for (let r0 = 0; r0 < rows; r0 += BLOCK) {
      const b = Math.min(BLOCK, rows - r0)
      // a short last block repeats its first row in the unused lanes
      const q0 = r0 * cols
      const q1 = (r0 + (b > 1 ? 1 : 0)) * cols
      const q2 = (r0 + (b > 2 ? 2 : 0)) * cols
      const q3 = (r0 + (b > 3 ? 3 : 0)) * cols
      for (let k = 0, s = 0; k < l; k++, s += cols) {
        let s0 = 0
        let s1 = 0
        let s2 = 0
        let s3 = 0
        for (let f = 0; f < cols; f++) {
          const v = sv[s + f]
          const d0 = X[q0 + f] - v
          const d1 = X[q1 + f] - v
          const d2 = X[q2 + f] - v
          const d3 = X[q3 + f] - v
          s0 += d0 * d0
          s1 += d1 * d1
          s2 += d2 * d2
          s3 += d3 * d3
        }
        kvalue[k] = Math.exp(gamma * s0)
        kvalue[l + k] = Math.exp(gamma * s1)
        kvalue[2 * l + k] = Math.exp(gamma * s2)
        kvalue[3 * l + k] = Math.exp(gamma * s3)
      }
      for (let q = 0; q < b; q++) {
        const label = this.vote(kvalue, q * l, votes)
        if (label === undefined) undecided.push(r0 + q)
        else out[r0 + q] = label
      }
    }
    return undecided
  }

  /** libsvm's one-vs-one vote over the kernel values at kvalue[at..at+l); undefined when a sum is too close to 0 to trust its sign. */
  private vote(kvalue: Float64Array, at: number, votes: Int32Array): number | undefined {
    const { nrClass, nSV, svCoef, rho, l, label } = this.n
    const start = this.start
    votes.fill(0)
    let p = 0
    for (let i = 0; i < nrClass; i++) {
      for (let j = i + 1; j < nrClass; j++) {
        const si = start[i]
        const sj = start[j]
        const c1 = (j - 1) * l
        const c2 = i * l
        let sum = 0
        let size = 0
        for (let k = si, end = si + nSV[i]; k < end; k++) {
          const t = svCoef[c1 + k] * kvalue[at + k]
          sum += t
          size += Math.abs(t)
        }
        for (let k = sj, end = sj + nSV[j]; k < end; k++) {
          const t = svCoef[c2 + k] * kvalue[at + k]
          sum += t
          size += Math.abs(t)
        }
        sum -= rho[p]
        // An exp one ulp off moves a term by about two ulps, and the two sums' roundings differ by at most
        // (terms + 1)·ulp·(size + |rho|): under 1e-9 relative up to a million support vectors. TINY covers
        // kernel values that underflow to subnormals, where an ulp is absolute.
        if (!(Math.abs(sum) > 1e-9 * (size + Math.abs(rho[p])) + TINY)) return undefined
        if (sum > 0) votes[i]++
        else votes[j]++
        p++
      }
    }
    let best = 0
    for (let i = 1; i < nrClass; i++) if (votes[i] > votes[best]) best = i
    return label[best]
  }
}
