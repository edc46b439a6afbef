import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { parseCsvDataset } from '../data/csv.js'
import { BUILTIN_DATASETS } from '../data/builtin.js'
import { contentHash, datasetRecord, toDataset, type Dataset, type DatasetContent } from '../data/dataset.js'
import { AlreadyExistsError, InvalidInputError, NotFoundError, notFound } from '../errors.js'
import { checkName } from '../model/names.js'
import type { DatasetRecord, Task } from '../model/types.js'
import type { App } from './app.js'

export interface DatasetSummary extends DatasetRecord {
  builtin: boolean
}

export interface LoadOptions {
  file: string
  target: string
  name?: string
  task?: Task
  /** Replace a stored dataset of the same name and other content (the old one is deleted softly). */
  force?: boolean
}

/** Parses a CSV and stores it once by content hash; loading the same content again stores nothing. */
export async function loadDataset(app: App, options: LoadOptions): Promise<{ dataset: DatasetRecord; stored: boolean; taskReason: string; replaced?: boolean }> {
  const name = checkName('dataset', options.name ?? basename(options.file, extname(options.file)))
  if (Object.hasOwn(BUILTIN_DATASETS, name)) throw new AlreadyExistsError(`'${name}' is a built-in dataset; give yours another name with --name.`)
  const content = parseContent(await readCsv(options.file), options.target, options.task)
  const { taskReason } = content
  const existing = await app.store.dataset(name)
  if (existing) {
    if (existing.hash === contentHash(content)) return { dataset: existing, stored: false, taskReason }
    const what = existing.task !== content.task ? `as ${existing.task} (this load: ${content.task})` : `with other content (hash ${existing.hash.slice(0, 12)})`
    if (!options.force) throw new AlreadyExistsError(`Dataset '${name}' already exists ${what}. Replace it with --force, or load it under another name with --name.`)
    await app.bus.emit('dataset:deleted', { root: app.root, name })
  }
  const dataset = datasetRecord(name, content, options.file)
  await app.bus.emit('dataset:stored', { root: app.root, dataset, data: { X: content.X, y: content.y } })
  return { dataset, stored: true, taskReason, ...(existing ? { replaced: true } : {}) }
}

export async function openDataset(app: App, name: string): Promise<Dataset> {
  const builtin = Object.hasOwn(BUILTIN_DATASETS, name) ? BUILTIN_DATASETS[name] : undefined
  if (builtin) {
    const content = parseContent(await readFile(builtin.file, 'utf8'), builtin.target)
    return toDataset(datasetRecord(name, content, 'built-in', new Date(0)), { X: content.X, y: content.y })
  }
  const record = await getStored(app, name)
  const data = await app.store.datasetData(name)
  if (!data) throw new NotFoundError(`Dataset '${name}' has no data file; load it again with 'padre dataset load'.`)
  return toDataset(record, data)
}

export async function getDataset(app: App, name: string): Promise<DatasetSummary> {
  if (Object.hasOwn(BUILTIN_DATASETS, name)) return { ...(await openDataset(app, name)).record, builtin: true }
  return { ...(await getStored(app, name)), builtin: false }
}

export async function listDatasets(app: App): Promise<DatasetSummary[]> {
  const builtins = await Promise.all(Object.keys(BUILTIN_DATASETS).map((n) => getDataset(app, n)))
  const stored = await Promise.all((await app.store.datasetNames()).map((n) => app.store.dataset(n)))
  return [...builtins, ...stored.filter((d): d is DatasetRecord => d !== undefined).map((d) => ({ ...d, builtin: false }))]
}

async function getStored(app: App, name: string): Promise<DatasetRecord> {
  checkName('dataset', name)
  const record = await app.store.dataset(name)
  if (!record) throw notFound('Dataset', name, [...Object.keys(BUILTIN_DATASETS), ...(await app.store.datasetNames())], 'padre dataset list')
  return record
}

function parseContent(text: string, target: string, task?: Task): DatasetContent & { taskReason: string } {
  const parsed = parseCsvDataset(text, target, task)
  return { ...parsed, target }
}

async function readCsv(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new NotFoundError(`CSV file '${file}' not found.`)
    throw new InvalidInputError(`Cannot read '${file}': ${(error as Error).message}`)
  }
}
