import type { ParamValue } from '../model/types.js'
import type { Matrix } from '../pipeline/matrix.js'
import type { ComponentDefinition, Estimator, SavesState } from '../pipeline/types.js'
import type SVMClass from 'libsvm-js/asm.js'
import { checkModel, collectingErrors, modelText, readModel, type LibsvmHeap } from './libsvm-state.js'
import { DenseRbf } from './svc-predict.js'

type Kernel = 'rbf' | 'linear' | 'poly' | 'sigmoid'
type LibSVM = typeof SVMClass
type LibSVMModel = InstanceType<LibSVM>

/** libsvm's model text with exact numbers (libsvm-state.ts), the feature count, and the support vectors' training rows (a reloaded libsvm model has no sv_indices). */
/** `single`: the training rows held one class, so there was no libsvm model to save: every prediction is that class. */
interface SvcState { model: string; nFeatures: number; support: number[]; single?: number }

export interface SVCParams {
  C: number
  kernel: Kernel
  gamma: number | null
  degree: number
  coef0: number
  tol: number
  shrinking: boolean
}

// libsvm models live in the emscripten heap, which the garbage collector does not see
const models = new FinalizationRegistry<LibSVMModel>((model) => model.free())

/** sklearn's gamma='scale': 1 / (nFeatures · variance of all entries of X). */
export function scaleGamma(X: Matrix): number {
  const data = X.data
  let sum = 0
  for (let i = 0; i < data.length; i++) sum += data[i]
  const mean = sum / data.length
  let ss = 0
  // d * d is d ** 2 bit for bit (fdlibm's pow, V8's in every tier, returns x*x for y = 2), without a pow call per entry
  for (let i = 0; i < data.length; i++) {
    const d = data[i] - mean
    ss += d * d
  }
  const variance = ss / data.length
  return variance > 0 ? 1 / (X.cols * variance) : 1
}

/**
 * C-support vector classification through libsvm (libsvm-js, WebAssembly build), with the settings
 * sklearn's SVC passes to its own libsvm: tolerance, shrinking, gamma='scale' when gamma is null.
 */
export class SVC implements Estimator, SavesState {
  private model: LibSVMModel | undefined
  private nFeatures = 0
  /** Position in libsvm's (class-sorted) training order → original training row. */
  private order: number[] = []
  /** A restored model's support vectors (original training rows, ascending). */
  private support: number[] | undefined
  /** Set when the training rows held a single class (libsvm then predicts it everywhere, and has no model to save). */
  private single: number | undefined
  /** The model's batch predictor, read from libsvm's memory at the first prediction (null: this model has none, so libsvm predicts row by row). */
  private dense: DenseRbf | null | undefined

  constructor(private readonly SVM: LibSVM, private readonly params: SVCParams, private readonly heap?: LibsvmHeap) {}

  fit(X: Matrix): void
  fit(X: Matrix, y: Float64Array): void
  fit(X: Matrix, y?: Float64Array): void {
    if (!y) throw new Error('svc needs labels')
    const { SVM, params } = this
    const kernels: Record<Kernel, string> = {
      rbf: SVM.KERNEL_TYPES.RBF,
      linear: SVM.KERNEL_TYPES.LINEAR,
      poly: SVM.KERNEL_TYPES.POLYNOMIAL,
      sigmoid: SVM.KERNEL_TYPES.SIGMOID,
    }
    // libsvm numbers the classes in order of first appearance, sklearn's copy in sorted order; the
    // order decides which class is +1 in each one-vs-one problem and who wins tied votes. A stable
    // sort by class gives libsvm the same per-class row order as sklearn, so the same sub-problems.
    const order = Array.from({ length: X.rows }, (_, i) => i).sort((a, b) => y[a] - y[b] || a - b)
    const samples = order.map((i) => X.data.subarray(i * X.cols, (i + 1) * X.cols))
    const labels = order.map((i) => y[i])
    const model = new SVM({
      type: SVM.SVM_TYPES.C_SVC,
      kernel: kernels[params.kernel],
      cost: params.C,
      gamma: params.gamma ?? scaleGamma(X),
      degree: params.degree,
      coef0: params.coef0,
      tolerance: params.tol,
      shrinking: params.shrinking,
      cacheSize: 200,
      quiet: true,
    })
    model.train(samples, labels)
    this.dispose()
    this.model = model
    this.dense = undefined
    this.nFeatures = X.cols
    this.order = order
    this.support = undefined
    this.single = labels.every((l) => l === labels[0]) ? labels[0] : undefined
    models.register(this, model, this)
  }

  predict(X: Matrix): Float64Array {
    if (!this.model && this.single === undefined) throw new Error('svc: predict before fit')
    if (X.cols !== this.nFeatures) throw new Error(`svc was fitted on ${this.nFeatures} features, got ${X.cols}`)
    const out = new Float64Array(X.rows)
    if (!this.model) return out.fill(this.single!)
    const model = this.model
    const row = (i: number): number => model.predictOne(X.data.subarray(i * X.cols, (i + 1) * X.cols))
    const dense = this.denseRbf()
    if (!dense) {
      for (let i = 0; i < X.rows; i++) out[i] = row(i)
      return out
    }
    for (const i of dense.predict(X.data, X.rows, out)) out[i] = row(i)
    return out
  }

  private denseRbf(): DenseRbf | null {
    if (this.dense !== undefined) return this.dense
    this.dense = null
    const { heap, model } = this
    if (!heap || !model?.model) return null
    let numbers
    try {
      numbers = readModel(heap, model.model)
      checkModel(numbers, { labels: model.getLabels(), supportVectors: model.getSVIndices().length, nFeatures: this.nFeatures })
    } catch {
      return null // a layout readModel does not know: libsvm's own row-by-row prediction stays correct
    }
    this.dense = DenseRbf.from(numbers, this.nFeatures) ?? null
    return this.dense
  }

  /** Training rows (original indices, ascending) that became support vectors. */
  supportIndices(): number[] {
    if (this.support) return [...this.support]
    if (!this.model) throw new Error('svc: not fitted')
    return this.model.getSVIndices().map((i) => this.order[i]).sort((a, b) => a - b)
  }

  /** Frees the libsvm model now rather than when this object is garbage collected. */
  dispose(): void {
    if (!this.model) return
    models.unregister(this)
    this.model.free()
    this.model = undefined
    this.dense = undefined
  }

  saveState(): SvcState {
    if (!this.model?.model) throw new Error('svc: saveState before fit')
    if (this.single !== undefined) return { model: '', nFeatures: this.nFeatures, support: this.supportIndices(), single: this.single }
    if (!this.heap) throw new Error("svc: created without libsvm's memory, so its model cannot be saved exactly")
    const numbers = readModel(this.heap, this.model.model)
    const support = this.supportIndices()
    checkModel(numbers, { labels: this.model.getLabels(), supportVectors: support.length, nFeatures: this.nFeatures })
    return { model: modelText(numbers), nFeatures: this.nFeatures, support }
  }

  loadState(state: SvcState): this {
    if (state.single !== undefined) {
      if (typeof state.single !== 'number' || !Number.isFinite(state.single)) throw new Error('svc: the saved single class is not a number')
      this.dispose()
      this.single = state.single
      this.nFeatures = state.nFeatures
      this.order = []
      this.support = [...state.support]
      return this
    }
    const { result: model, errors } = this.heap ? collectingErrors(this.heap, () => this.SVM.load(state.model)) : { result: this.SVM.load(state.model), errors: [] }
    if (!model.model) throw new Error(`svc: libsvm could not read the saved model text${errors.length ? ` (${errors.join('; ')})` : ''}`)
    this.dispose()
    this.model = model
    this.dense = undefined
    this.nFeatures = state.nFeatures
    this.order = []
    this.support = [...state.support]
    models.register(this, model, this)
    return this
  }
}

export const definition: ComponentDefinition = {
  name: 'svc',
  kind: 'estimator',
  tasks: ['classification'],
  description: 'Support vector classifier (libsvm C-SVC, one-vs-one for several classes)',
  params: {
    C: { type: 'number', default: 1.0, min: 0, description: 'Penalty for margin violations (must be > 0; larger fits the training data harder)' },
    kernel: { type: 'enum', default: 'rbf', values: ['rbf', 'linear', 'poly', 'sigmoid'], description: 'Kernel function' },
    gamma: {
      type: 'number',
      default: null,
      nullable: true,
      min: 0,
      description: "Kernel coefficient for rbf, poly and sigmoid; null is sklearn's 'scale': 1 / (features × variance of X)",
    },
    degree: { type: 'int', default: 3, min: 0, description: 'Degree of the poly kernel' },
    coef0: { type: 'number', default: 0, description: 'Constant term of the poly and sigmoid kernels' },
    tol: { type: 'number', default: 1e-3, min: 0, description: 'Tolerance of the stopping criterion' },
    shrinking: { type: 'boolean', default: true, description: 'Use the shrinking heuristic' },
  },
  check(params, data) {
    if (!((params.C as number) > 0)) return `C must be > 0, got ${String(params.C)}: set svc.C to a positive number`
    if (data.nClasses < 2) return `the dataset has ${data.nClasses} class: classification needs at least two`
    return undefined
  },
  async create(params: Record<string, ParamValue>) {
    const C = params.C as number
    if (!(C > 0)) throw new Error(`svc: C must be > 0, got ${C}`)
    const { SVM, heap } = await (await import('./libsvm-wasm.js')).loadLibsvmWasm()
    return new SVC(SVM, {
      C,
      kernel: params.kernel as Kernel,
      gamma: params.gamma as number | null,
      degree: params.degree as number,
      coef0: params.coef0 as number,
      tol: params.tol as number,
      shrinking: params.shrinking as boolean,
    }, heap)
  },
  async restore(params, state) {
    return ((await definition.create(params)) as SVC).loadState(state as SvcState)
  },
}
