import { closeMatches, InvalidInputError } from '../errors.js'
import type { Task } from '../model/types.js'

export interface CsvDataset {
  featureNames: string[]
  /** One row of feature values per data row, columns in featureNames order. */
  X: number[][]
  /** Class labels (strings) for classification, numbers for regression. */
  y: Array<number | string>
  task: Task
  /** Sorted distinct labels for classification; empty for regression. */
  classes: string[]
  /** Why this task: the rule that chose it, or that it was forced. */
  taskReason: string
}

/** Integer targets with at most this many distinct values, and at most one per ROWS_PER_CLASS rows, are classes. */
export const MAX_INTEGER_CLASSES = 20
export const ROWS_PER_CLASS = 5

interface CsvRecord {
  /** 1-based file line the record starts on (the header is line 1). */
  line: number
  fields: string[]
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * Parses a dataset CSV: a header row, then one row per example; every column except `target`
 * is a numeric feature. Quoted fields ("a, b", doubled "" quotes), CRLF or LF, blank lines
 * (skipped, like pandas) and surrounding whitespace (trimmed) are accepted.
 *
 * Task: a target with any non-numeric value is classification, an all-numeric target is
 * regression. Pass `task` to force it: a numeric target forced to classification uses its
 * distinct values as class labels ("1.0" and "1" are the same class, labelled "1").
 */
export function parseCsvDataset(text: string, target: string, task?: Task): CsvDataset {
  const records = parseRecords(text.replace(/^\uFEFF/, ''))
  if (records.length === 0) {
    throw new InvalidInputError('the file is empty; a dataset CSV needs a header row naming the columns, then one row per example')
  }
  const header = checkHeader(records[0].fields, target)
  const rows = records.slice(1)
  if (rows.length === 0) {
    throw new InvalidInputError(`the file has a header (${header.join(', ')}) but no data rows; add one row per example below it`)
  }

  const targetColumn = header.indexOf(target)
  const featureNames = header.filter((_, c) => c !== targetColumn)
  const X: number[][] = []
  const rawTarget: string[] = []
  for (const { line, fields } of rows) {
    if (fields.length !== header.length) {
      throw new InvalidInputError(
        `row ${line} has ${fields.length} fields, the header has ${header.length}; quote values that contain commas and fill missing ones`,
      )
    }
    const values = fields.map((f) => f.trim())
    if (values[targetColumn] === '') {
      throw new InvalidInputError(`row ${line}: the target '${target}' is empty; every row needs a target value, fill it in or remove the row`)
    }
    rawTarget.push(values[targetColumn])
    X.push(values.filter((_, c) => c !== targetColumn).map((v, f) => featureValue(v, line, featureNames[f])))
  }

  const numericTarget = rawTarget.every((v) => NUMBER.test(v) && Number.isFinite(Number(v)))
  const detected = detectTask(rawTarget, numericTarget, target)
  const resolved: Task = task ?? detected.task
  const taskReason = task ? `forced with --task ${task}` : detected.reason
  if (resolved === 'regression') {
    if (!numericTarget) {
      const i = rawTarget.findIndex((v) => !(NUMBER.test(v) && Number.isFinite(Number(v))))
      throw new InvalidInputError(
        `row ${rows[i].line}: the target '${target}' value '${rawTarget[i]}' is not a number; a regression target must be numeric, or use --task classification`,
      )
    }
    return { featureNames, X, y: rawTarget.map(Number), task: resolved, classes: [], taskReason }
  }

  const y = numericTarget ? rawTarget.map((v) => String(Number(v))) : rawTarget
  const distinct = [...new Set(y)]
  const classes = numericTarget ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort(byCodeUnit)
  if (classes.length < 2) {
    throw new InvalidInputError(
      `the target '${target}' has a single class '${classes[0]}'; classification needs at least two classes, check the target column`,
    )
  }
  return { featureNames, X, y, task: resolved, classes, taskReason }
}

/**
 * A non-numeric target is classification. A numeric one is classification when every value is an
 * integer, with at most MAX_INTEGER_CLASSES distinct values and at most one per ROWS_PER_CLASS rows
 * (0/1/2 labels), else regression.
 */
function detectTask(raw: string[], numeric: boolean, target: string): { task: Task; reason: string } {
  if (!numeric) return { task: 'classification', reason: `the target '${target}' has non-numeric values` }
  const values = raw.map(Number)
  const distinct = new Set(values).size
  const integers = values.every((v) => Number.isInteger(v))
  if (integers && distinct <= MAX_INTEGER_CLASSES && distinct * ROWS_PER_CLASS <= values.length) {
    return { task: 'classification', reason: `the target '${target}' has ${distinct} distinct integer values in ${values.length} rows (integers with at most ${MAX_INTEGER_CLASSES} distinct values and at most one per ${ROWS_PER_CLASS} rows are classes)` }
  }
  const why = !integers ? 'non-integer numeric values' : `${distinct} distinct integer values in ${values.length} rows (more than ${MAX_INTEGER_CLASSES}, or more than one per ${ROWS_PER_CLASS} rows)`
  return { task: 'regression', reason: `the target '${target}' has ${why}` }
}

function checkHeader(fields: string[], target: string): string[] {
  const header = fields.map((f) => f.trim())
  const seen = new Map<string, number>()
  header.forEach((name, c) => {
    if (name === '') {
      throw new InvalidInputError(`column ${c + 1} of the header has no name; name every column in the first row`)
    }
    const earlier = seen.get(name)
    if (earlier !== undefined) {
      throw new InvalidInputError(`the header names column '${name}' twice (columns ${earlier + 1} and ${c + 1}); rename one of them`)
    }
    seen.set(name, c)
  })
  if (!seen.has(target)) {
    const close = closeMatches(target, header)
    const hint = close.length ? ` Did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : ''
    throw new InvalidInputError(
      `target column '${target}' not found; the columns are ${header.map((h) => `'${h}'`).join(', ')}.${hint}`,
      close,
    )
  }
  if (header.length < 2) {
    throw new InvalidInputError(`the file has only the target column '${target}'; add at least one feature column`)
  }
  return header
}

function featureValue(value: string, line: number, column: string): number {
  if (value === '') {
    throw new InvalidInputError(`row ${line}, column '${column}' is empty; padre does not fill missing values, fill it in or remove the row`)
  }
  const n = Number(value)
  if (!NUMBER.test(value) || !Number.isFinite(n)) {
    throw new InvalidInputError(
      `row ${line}, column '${column}': '${value}' is not a number; features must be numeric, encode categories as numbers first`,
    )
  }
  return n
}

// Python's sorted(): by UTF-16 code unit, independent of the machine's locale.
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** RFC 4180 records, each with the line it starts on; blank lines are dropped. */
function parseRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = []
  let i = 0
  let line = 1
  const isBreak = (c: string | undefined) => c === '\n' || c === '\r'
  while (i < text.length) {
    const start = line
    const fields: string[] = []
    let quotedAny = false
    for (;;) {
      let field = ''
      if (text[i] === '"') {
        quotedAny = true
        i++
        for (;;) {
          if (i >= text.length) {
            throw new InvalidInputError(`row ${start}: a quoted field is never closed; end it with a double quote (write "" for a quote inside it)`)
          }
          const c = text[i]
          if (c === '"') {
            if (text[i + 1] !== '"') break
            field += '"'
            i += 2
            continue
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++
          field += c
          i++
        }
        i++
        if (i < text.length && text[i] !== ',' && !isBreak(text[i])) {
          throw new InvalidInputError(
            `row ${line}: unexpected text after a closing quote; quote the whole field and write "" for a quote inside it`,
          )
        }
      } else {
        while (i < text.length && text[i] !== ',' && !isBreak(text[i])) field += text[i++]
      }
      fields.push(field)
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === '\r' && text[i + 1] === '\n') i++
      i++
      line++
      break
    }
    const blank = !quotedAny && fields.length === 1 && fields[0].trim() === ''
    if (!blank) records.push({ line: start, fields })
  }
  return records
}

/** A CSV as a header and trimmed string cells (model predict reads feature columns by name from it). */
export function parseCsvTable(text: string): { header: string[]; rows: Array<{ line: number; values: string[] }> } {
  const records = parseRecords(text.replace(/^\uFEFF/, ''))
  if (records.length === 0) throw new InvalidInputError('the file is empty; it needs a header row naming the columns, then one row per example')
  const header = records[0].fields.map((f) => f.trim())
  header.forEach((name, c) => {
    if (name === '') throw new InvalidInputError(`column ${c + 1} of the header has no name; name every column in the first row`)
    if (header.indexOf(name) !== c) throw new InvalidInputError(`the header names column '${name}' twice (columns ${header.indexOf(name) + 1} and ${c + 1}); rename one of them`)
  })
  const rows = records.slice(1).map(({ line, fields }) => {
    if (fields.length !== header.length) throw new InvalidInputError(`row ${line} has ${fields.length} fields, the header has ${header.length}; quote values that contain commas and fill missing ones`)
    return { line, values: fields.map((f) => f.trim()) }
  })
  if (rows.length === 0) throw new InvalidInputError(`the file has a header (${header.join(', ')}) but no data rows`)
  return { header, rows }
}

/** A feature cell as a number, or the line-numbered error dataset load gives. */
export function parseFeatureValue(value: string, line: number, column: string): number {
  return featureValue(value, line, column)
}
