import { existsSync } from 'node:fs'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { sep } from 'node:path'
import { BackendError, InvalidInputError, NotFoundError } from '../errors.js'
import { parseCsvTable, parseFeatureValue } from '../data/csv.js'
import { fromRows, row, type Matrix } from '../pipeline/matrix.js'
import type { SavedModel } from '../models/saved-model.js'
import type { App } from './app.js'
import { openDataset } from './datasets.js'
import { getModel, type ModelVersionView } from './models.js'
import type { Scope } from './scope.js'

export interface ModelPredictions {
  model: ModelVersionView
  /** What was predicted on: a dataset name or a CSV file. */
  source: string
  classes?: string[]
  /** One per input row, in order: row is its 0-based index (a dataset's row index, a CSV's data row). */
  rows: Array<{ row: number; predicted: string | number; probabilities?: number[] }>
  /** The CSV written with --out. */
  out?: string
}

/** Loads a registered model's model.json (verified) and predicts the rows of a dataset or CSV file, without refitting. */
export async function predictWithModel(app: App, ref: string, options: { dataset: string; out?: string }, scope: Scope = {}): Promise<ModelPredictions> {
  const model = await getModel(app, ref, scope)
  const saved = await loadSavedModel(app, model)
  const X = await inputRows(app, options.dataset, saved, model)
  const [{ restorePipeline }, { loadComponent }] = await Promise.all([import('../models/saved-model.js'), import('../estimators/registry.js')])
  const pipeline = await restorePipeline(saved, loadComponent).catch((error: Error) => {
    throw new InvalidInputError(`model '${model.name}' version ${model.version} cannot be restored: ${error.message}.`)
  })
  const { predicted, probabilities } = pipeline.predict(X)
  const label = (v: number) => (saved.task === 'classification' ? saved.classes![v] : v)
  const rows = Array.from(predicted, (v, i) => ({ row: i, predicted: label(v), ...(probabilities ? { probabilities: Array.from(row(probabilities, i)) } : {}) }))
  const result: ModelPredictions = { model, source: options.dataset, ...(saved.classes ? { classes: saved.classes } : {}), rows }
  if (options.out) await writePredictionsCsv(options.out, result)
  return { ...result, ...(options.out ? { out: options.out } : {}) }
}

async function loadSavedModel(app: App, model: ModelVersionView): Promise<SavedModel> {
  const what = `model.json of model '${model.name}' version ${model.version} (artifact ${model.artifact.sha256.slice(0, 12)})`
  let bytes: Buffer
  try {
    bytes = await app.artifacts.get(model.artifact.sha256)
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`${what} is not in this machine's artifact store. Run 'padre artifact pull' to fetch it from a remote.`)
    if (error instanceof BackendError) throw new BackendError(`${what}: ${error.message}`)
    throw error
  }
  const saved = JSON.parse(bytes.toString('utf8')) as SavedModel
  if (saved.formatVersion !== 1) throw new InvalidInputError(`${what} has format version ${String(saved.formatVersion)}, which this padre does not read; use a newer padre.`)
  return saved
}

/** The input rows as a matrix in the model's feature order; its columns must be the model's features (the target may be there too). */
async function inputRows(app: App, source: string, saved: SavedModel, model: ModelVersionView): Promise<Matrix> {
  // A CSV file: named so (.csv, a path), or no dataset of that name but a file of it.
  const isFile = /\.csv$/i.test(source) || source.includes('/') || source.includes(sep) ||
    (existsSync(source) && !(await openDataset(app, source).then(() => true, () => false)))
  if (isFile) {
    const text = await readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new NotFoundError(`CSV file '${source}' not found.`) : new InvalidInputError(`Cannot read '${source}': ${error.message}`)
    })
    const { header, rows } = (() => {
      try { return parseCsvTable(text) } catch (error) { throw new InvalidInputError(`${source}: ${(error as Error).message}`) }
    })()
    const columns = matchColumns(header, saved.features, model, source)
    return fromRows(rows.map(({ line, values }) => columns.map((c) => parseFeatureValue(values[c], line, header[c]))))
  }
  const dataset = await openDataset(app, source)
  const columns = matchColumns([...dataset.record.featureNames, dataset.record.target], saved.features, model, `dataset '${source}'`)
  return fromRows(Array.from({ length: dataset.X.rows }, (_, i) => { const r = row(dataset.X, i); return columns.map((c) => r[c]) }))
}

/** Where each feature is among the columns; a missing or extra column is one line naming them. */
function matchColumns(columns: string[], features: string[], model: ModelVersionView, where: string): number[] {
  const missing = features.filter((f) => !columns.includes(f))
  const extra = columns.filter((c) => !features.includes(c) && c !== model.target)
  if (missing.length || extra.length) {
    const parts = [missing.length ? `missing ${missing.map((m) => `'${m}'`).join(', ')}` : '', extra.length ? `extra ${extra.map((e) => `'${e}'`).join(', ')}` : ''].filter(Boolean)
    throw new InvalidInputError(`The columns of ${where} do not match model '${model.name}' version ${model.version}: ${parts.join('; ')}. It needs the features ${features.join(', ')}${model.target ? ` (the target '${model.target}' may be there too)` : ''}.`)
  }
  return features.map((f) => columns.indexOf(f))
}

/** row, predicted, proba_<label> per class: temp file + rename, so a failed write leaves nothing half written. */
async function writePredictionsCsv(file: string, result: ModelPredictions): Promise<void> {
  const head = ['row', 'predicted', ...(result.rows[0]?.probabilities && result.classes ? result.classes.map((c) => `proba_${c}`) : [])]
  const lines = [head, ...result.rows.map((r) => [r.row, r.predicted, ...(r.probabilities ?? [])])].map((cells) => cells.map((c) => csvCell(String(c))).join(','))
  const temp = `${file}.${process.pid}.tmp`
  try {
    await writeFile(temp, `${lines.join('\n')}\n`)
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw new InvalidInputError(`Cannot write '${file}': ${(error as Error).message.replace(/^[A-Z]+: /, '')}`)
  }
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
