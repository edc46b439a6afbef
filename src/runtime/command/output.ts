import { matrix, type Matrix } from '../../core/pipeline/matrix.js'
import { parseCsvRecords } from './csv.js'
import type { Job } from './job.js'

/** A problem with the program's output: the message names the file and the line. */
export class OutputProblem extends Error {}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:inf|infinity|nan)$/i

function number(text: string, file: string, line: number, column: string): number {
  const value = NUMBER.test(text) ? Number(text.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity').replace(/^[+-]?nan$/i, 'NaN')) : NaN
  if (!Number.isFinite(value)) throw new OutputProblem(`${file} line ${line}: ${column} '${text}' is not a finite number`)
  return value
}

function records(text: string, file: string, rows: number) {
  let all
  try {
    all = parseCsvRecords(text)
  } catch (error) {
    throw new OutputProblem(`${file} ${(error as Error).message}`)
  }
  if (all.length === 0) throw new OutputProblem(`${file} is empty: it needs a header row, then one row per test row`)
  const [header, ...body] = all
  if (body.length !== rows) throw new OutputProblem(`${file} has ${body.length} rows for ${rows} test rows`)
  for (const r of body) {
    if (r.fields.length !== header.fields.length) throw new OutputProblem(`${file} line ${r.line}: ${r.fields.length} fields, the header has ${header.fields.length}`)
  }
  return { header: header.fields, body }
}

/** predictions.csv: a `prediction` column and, for classification, optionally `proba_<label>` for every class. */
export function readPredictions(text: string, job: Pick<Job, 'task' | 'classes' | 'testRows'>): { predicted: Float64Array; probabilities?: Matrix } {
  const file = 'predictions.csv'
  const { header, body } = records(text, file, job.testRows)
  const at = header.indexOf('prediction')
  if (at < 0) throw new OutputProblem(`${file} line 1: no 'prediction' column in the header (${header.join(',')})`)
  const predicted = new Float64Array(body.length)
  if (job.task === 'regression') {
    body.forEach((r, i) => { predicted[i] = number(r.fields[at], file, r.line, 'prediction') })
    return { predicted }
  }
  const index = new Map(job.classes.map((c, i) => [c, i]))
  body.forEach((r, i) => {
    const label = r.fields[at]
    const k = index.get(label) ?? numericMatch(label, job.classes)
    if (k === undefined) throw new OutputProblem(`${file} line ${r.line}: unknown class label '${label}' (the classes are ${job.classes.join(', ')})`)
    predicted[i] = k
  })
  const probaColumns = header.flatMap((h, j) => (h.startsWith('proba_') ? [j] : []))
  if (probaColumns.length === 0) return { predicted }
  const columns = job.classes.map((c) => {
    const j = header.indexOf(`proba_${c}`)
    if (j < 0) throw new OutputProblem(`${file} line 1: probability columns must name every class; 'proba_${c}' is missing`)
    return j
  })
  const extra = probaColumns.find((j) => !columns.includes(j))
  if (extra !== undefined) throw new OutputProblem(`${file} line 1: '${header[extra]}' names no class (the classes are ${job.classes.join(', ')})`)
  const probabilities = matrix(body.length, columns.length)
  body.forEach((r, i) => columns.forEach((j, k) => {
    const p = number(r.fields[j], file, r.line, header[j])
    if (p < 0 || p > 1) throw new OutputProblem(`${file} line ${r.line}: ${header[j]} ${r.fields[j]} is not a probability in [0, 1]`)
    probabilities.data[i * columns.length + k] = p
  }))
  return { predicted, probabilities }
}

/** transformed.csv: a header naming the output columns, then one row of numbers per test row. */
export function readTransformed(text: string, testRows: number): Matrix {
  const file = 'transformed.csv'
  const { header, body } = records(text, file, testRows)
  const out = matrix(body.length, header.length)
  body.forEach((r, i) => r.fields.forEach((f, j) => { out.data[i * header.length + j] = number(f, file, r.line, header[j]) }))
  return out
}

/** A program may write label 1 as '1.0' (pandas does): accept it when the class labels are numbers. */
function numericMatch(label: string, classes: string[]): number | undefined {
  if (!NUMBER.test(label)) return undefined
  const k = classes.findIndex((c) => NUMBER.test(c) && Number(c) === Number(label))
  return k < 0 ? undefined : k
}
