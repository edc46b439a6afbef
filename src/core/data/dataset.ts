import { createHash } from 'node:crypto'
import type { DatasetData } from '../events.js'
import { SCHEMA_VERSION, type DatasetRecord, type Task } from '../model/types.js'
import { fromRows, type Matrix } from '../pipeline/matrix.js'

/** A dataset in memory: features as a matrix, y as class indices (classification) or values. */
export interface Dataset {
  record: DatasetRecord
  X: Matrix
  y: Float64Array
}

export interface DatasetContent {
  featureNames: string[]
  target: string
  task: Task
  classes: string[]
  X: number[][]
  y: Array<number | string>
}

export function contentHash(c: DatasetContent): string {
  return createHash('sha256').update(JSON.stringify([c.featureNames, c.target, c.task, c.X, c.y])).digest('hex')
}

export function datasetRecord(name: string, c: DatasetContent, source: string, now = new Date()): DatasetRecord {
  return {
    schemaVersion: SCHEMA_VERSION, name, hash: contentHash(c), target: c.target, task: c.task,
    featureNames: c.featureNames, classes: c.classes, rows: c.X.length, source, createdAt: now.toISOString(),
  }
}

export function toDataset(record: DatasetRecord, data: DatasetData): Dataset {
  const index = new Map(record.classes.map((label, i) => [label, i]))
  const y = Float64Array.from(data.y, (v) => (record.task === 'classification' ? index.get(String(v))! : Number(v)))
  return { record, X: fromRows(data.X), y }
}
