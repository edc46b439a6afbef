import type { ComponentSpec, MetricSpec } from '../../core/model/types.js'

/** The queue every padre worker serves. */
export const QUEUE_NAME = 'padre-computations'
export const FORMAT_VERSION = 1

export const datasetKey = (hash: string) => `padre:dataset:${hash}`
export const sourceKey = (hash: string) => `padre:source:${hash}`

/** One computation as a job: plain JSON; the dataset and the definition's source travel by content hash. */
export interface ComputationJob {
  formatVersion: number
  padre: string
  datasetHash: string
  /** The definition file's source, by hash, when the pipeline has components written in it. */
  sourceHash?: string
  pipeline: ComponentSpec[]
  /** The definition's metric choices as JSON (defineMetric ones are found again in the source). */
  metrics?: Array<string | MetricSpec>
  task: {
    split: { index: number; train: number[]; test: number[] }
    point: number
    steps: ComponentSpec[]
    seed: number
    keepModel?: boolean
  }
}

/** What a worker answers: the outcome as JSON that keeps NaN and ±Infinity, or an error. */
export type JobAnswer = { outcome: string } | { error: { code?: string; message: string; detail?: Record<string, string | undefined> } }

export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v))
}

export function decodeJson<T>(text: string): T {
  return JSON.parse(text, (_, v) => (v && typeof v === 'object' && typeof v.$number === 'string' && Object.keys(v).length === 1 ? Number(v.$number) : v)) as T
}

export function encodeFloats(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')
}

export function decodeFloats(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64')
  const out = new Float64Array(bytes.length / 8)
  new Uint8Array(out.buffer).set(bytes)
  return out
}
