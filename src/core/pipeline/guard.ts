import { ComponentError } from '../errors.js'
import { PACKAGE_ROOT } from '../package-root.js'
import { frameText, userFrame } from '../definition/stack.js'
import { fromRows, type Matrix } from './matrix.js'
import type { AsyncEstimator, AsyncTransformer, ComponentDefinition, FitContext } from './types.js'

type Phase = 'create' | 'fit' | 'transform' | 'predict' | 'predictProba'
type Instance = Record<string, ((...args: unknown[]) => unknown) | undefined>

const isPadre = (file: string) => file.startsWith(PACKAGE_ROOT + '/')

/**
 * User code made safe to run: a throw becomes a ComponentError naming the component, the phase and the
 * file:line it came from; what it returns is checked (one prediction per row, finite, class indices in range).
 */
export function guardComponent(definition: ComponentDefinition & { definedAt?: string }): ComponentDefinition {
  const name = definition.name
  const fail = (phase: Phase, message: string, location = definition.definedAt) =>
    new ComponentError(`Component '${name}' failed in ${phase}: ${message}${location ? ` (${location})` : ''}`, { component: name, phase, ...(location ? { location } : {}) })
  const call = async <T>(phase: Phase, run: () => T | Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] || String(error)
      throw fail(phase, message, frameText(userFrame(error instanceof Error ? error.stack : undefined, isPadre)) ?? definition.definedAt)
    }
  }
  const checkMatrix = (phase: Phase, value: unknown, rows: number, cols?: number): Matrix => {
    const m = toMatrix(value)
    if (!m) throw fail(phase, `returned ${describe(value)}; return a matrix { rows, cols, data: Float64Array } or a list of rows.`)
    if (m.rows !== rows) throw fail(phase, `returned ${m.rows} rows for ${rows} input rows.`)
    if (cols !== undefined && m.cols !== cols) throw fail(phase, `returned ${m.cols} columns; expected ${cols} (one per class).`)
    const bad = m.data.findIndex((v) => !Number.isFinite(v))
    if (bad >= 0) throw fail(phase, `returned ${m.data[bad]} at row ${Math.floor(bad / Math.max(m.cols, 1))}; values must be finite numbers.`)
    return m
  }
  return {
    ...definition,
    async create(params) {
      const instance = (await call('create', () => definition.create(params))) as unknown as Instance
      const method = definition.kind === 'transformer' ? 'transform' : 'predict'
      if (!instance || typeof instance.fit !== 'function' || typeof instance[method] !== 'function') {
        throw fail('create', `create() must return an object with fit and ${method} functions, not ${describe(instance)}.`)
      }
      let ctx: FitContext | undefined
      const fit = async (X: Matrix, y: Float64Array, c: FitContext) => {
        ctx = c
        await call('fit', () => instance.fit!.call(instance, X, y, c))
      }
      if (definition.kind === 'transformer') {
        const transformer: AsyncTransformer = {
          fit,
          transform: async (X) => checkMatrix('transform', await call('transform', () => instance.transform!.call(instance, X)), X.rows),
        }
        return transformer
      }
      const estimator: AsyncEstimator = {
        fit,
        predict: async (X) => {
          const out = await call('predict', () => instance.predict!.call(instance, X))
          return checkPredictions(out, X.rows, ctx, (message) => fail('predict', message))
        },
        ...(typeof instance.predictProba === 'function'
          ? { predictProba: async (X: Matrix) => checkMatrix('predictProba', await call('predictProba', () => instance.predictProba!.call(instance, X)), X.rows, ctx?.nClasses) }
          : {}),
      }
      return estimator
    },
  }
}

function checkPredictions(out: unknown, rows: number, ctx: FitContext | undefined, fail: (message: string) => Error): Float64Array {
  if (!isNumberList(out)) throw fail(`returned ${describe(out)}; return one number per row (an array or Float64Array).`)
  if (out.length !== rows) throw fail(`returned ${out.length} predictions for ${rows} rows.`)
  // A classifier may answer with the class labels themselves (ctx.classes) instead of their indices.
  const raw = Array.from(out as ArrayLike<unknown>, (v) => (typeof v === 'string' && ctx?.classes?.includes(v) ? ctx.classes.indexOf(v) : v))
  const predicted = Float64Array.from(raw as number[])
  for (let i = 0; i < predicted.length; i++) {
    const v = predicted[i]
    if (typeof raw[i] !== 'number' || !Number.isFinite(v)) throw fail(`returned ${typeof raw[i] === 'string' ? JSON.stringify(raw[i]) : String(raw[i])} for row ${i}; predictions must be finite numbers${ctx?.task === 'classification' ? ' (class indices) or class labels' : ''}.`)
    if (ctx?.task === 'classification' && (!Number.isInteger(v) || v < 0 || v >= ctx.nClasses)) {
      throw fail(`returned ${v} for row ${i}; a classifier predicts class indices 0..${ctx.nClasses - 1} (ctx.classes names them).`)
    }
  }
  return predicted
}

function toMatrix(value: unknown): Matrix | undefined {
  if (value && typeof value === 'object' && 'data' in value && 'rows' in value && 'cols' in value) {
    const m = value as Matrix
    if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || !isNumberList(m.data) || m.data.length !== m.rows * m.cols) return undefined
    return { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) }
  }
  if (Array.isArray(value) && value.every(isNumberList)) {
    const cols = value.length ? value[0].length : 0
    if (value.some((r) => r.length !== cols)) return undefined
    return fromRows(value)
  }
  return undefined
}

function isNumberList(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return String(value)
  if (Array.isArray(value)) return `an array of ${value.length}`
  return typeof value === 'object' ? `a ${value.constructor?.name ?? 'object'}` : `${typeof value} ${JSON.stringify(value)}`
}
