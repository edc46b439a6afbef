import type { Dataset } from '../core/data/dataset.js'
import { BackendError, ComponentError, InvalidInputError, NotFoundError, PadreError } from '../core/errors.js'
import type { DatasetRecord } from '../core/model/types.js'

/** A dataset as worker data: its numbers in shared memory, so every worker reads them without a copy. */
export interface SharedDataset {
  record: DatasetRecord
  rows: number
  cols: number
  X: SharedArrayBuffer
  y: SharedArrayBuffer
}

export function shareDataset(dataset: Dataset): SharedDataset {
  const X = new SharedArrayBuffer(dataset.X.data.byteLength)
  new Float64Array(X).set(dataset.X.data)
  const y = new SharedArrayBuffer(dataset.y.byteLength)
  new Float64Array(y).set(dataset.y)
  return { record: dataset.record, rows: dataset.X.rows, cols: dataset.X.cols, X, y }
}

export function openShared(shared: SharedDataset): Dataset {
  return { record: shared.record, X: { rows: shared.rows, cols: shared.cols, data: new Float64Array(shared.X) }, y: new Float64Array(shared.y) }
}

/** An error crossing the thread boundary keeps its class, code and detail. */
export interface SerializedError {
  code?: string
  message: string
  detail?: Record<string, string | undefined>
  stack?: string
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ComponentError) return { code: error.code, message: error.message, detail: { ...error.detail }, stack: error.stack }
  if (error instanceof PadreError) return { code: error.code, message: error.message, stack: error.stack }
  return error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) }
}

export function deserializeError(e: SerializedError): Error {
  const error = e.code === 'COMPONENT' ? new ComponentError(e.message, e.detail)
    : e.code === 'INVALID_INPUT' ? new InvalidInputError(e.message)
      : e.code === 'NOT_FOUND' ? new NotFoundError(e.message)
        : e.code === 'BACKEND' || e.code === 'VERSION' ? new BackendError(e.message)
          : new Error(e.message)
  if (e.stack) error.stack = `${error.stack}\nIn a worker: ${e.stack}`
  return error
}
