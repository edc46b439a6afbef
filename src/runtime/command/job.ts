import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ParamValue } from '../../core/model/types.js'
import type { Matrix } from '../../core/pipeline/matrix.js'
import type { FitContext } from '../../core/pipeline/types.js'
import { csvField, csvLine } from './csv.js'

/** The exchange format's version: bump it on any change a program could notice. */
export const FORMAT_VERSION = 1
export const TARGET_COLUMN = 'target'

export interface Job {
  formatVersion: number
  component: string
  kind: 'estimator' | 'transformer'
  task: FitContext['task']
  params: Record<string, ParamValue>
  seed: number
  /** classification: the class labels, in the order of the proba_<label> columns padre reads. */
  classes: string[]
  featureNames: string[]
  targetName: string
  trainRows: number
  testRows: number
  /** Where the program writes its output (predictions.csv or transformed.csv, and optionally model.* and metrics.json). */
  outputDir: string
  /** The file padre reads back from outputDir. */
  output: 'predictions.csv' | 'transformed.csv'
}

export interface JobInput {
  component: string
  kind: Job['kind']
  params: Record<string, ParamValue>
  train: { X: Matrix; y: Float64Array; ctx: FitContext }
  test: Matrix
}

/** Writes train.csv, test.csv and job.json into `dir`; returns the job. */
export async function writeJob(dir: string, input: JobInput): Promise<Job> {
  const { X, y, ctx } = input.train
  const featureNames = Array.from({ length: X.cols }, (_, j) => `x${j}`)
  const classes = ctx.task === 'classification' ? ctx.classes ?? Array.from({ length: ctx.nClasses }, (_, i) => String(i)) : []
  const job: Job = {
    formatVersion: FORMAT_VERSION, component: input.component, kind: input.kind, task: ctx.task, params: input.params, seed: ctx.seed,
    classes, featureNames, targetName: TARGET_COLUMN, trainRows: X.rows, testRows: input.test.rows, outputDir: dir,
    output: input.kind === 'estimator' ? 'predictions.csv' : 'transformed.csv',
  }
  await mkdir(dir, { recursive: true })
  const labels = ctx.task === 'classification' ? classes.map((c) => csvField(c)) : undefined
  await writeFile(join(dir, 'train.csv'), numericCsv(csvLine([...featureNames, TARGET_COLUMN]), X, (i) => labels ? labels[y[i]] : String(y[i])))
  await writeFile(join(dir, 'test.csv'), numericCsv(csvLine(featureNames), input.test))
  await writeFile(join(dir, 'job.json'), `${JSON.stringify(job, null, 2)}\n`)
  return job
}

/** Numbers need no quoting: String(x) is the shortest form that reads back as the same double. */
function numericCsv(header: string, m: Matrix, last?: (i: number) => string): string {
  const lines = [header]
  const fields: string[] = new Array(m.cols + (last ? 1 : 0))
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) fields[j] = String(m.data[i * m.cols + j])
    if (last) fields[m.cols] = last(i)
    lines.push(`${fields.join(',')}\n`)
  }
  return lines.join('')
}
