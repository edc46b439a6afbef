import { AlreadyExistsError, closeMatches, InvalidInputError, NotFoundError, notFound } from '../errors.js'
import { ID_SEPARATOR } from '../model/ids.js'
import { checkName } from '../model/names.js'
import { SCHEMA_VERSION } from '../model/types.js'
import { checkAlias, checkModelName, modelVersionId, parseModelRef, VersionTakenError, type ModelRef, type ModelVersionRecord } from '../models/registry.js'
import type { SavedModel } from '../models/saved-model.js'
import type { App } from './app.js'
import { getComputation } from './computations.js'
import { getDataset } from './datasets.js'
import { modelRef } from './models-artifacts.js'
import type { Scope } from './scope.js'

export interface ModelVersionView extends ModelVersionRecord {
  /** The aliases that point at this version. */
  aliases: string[]
}

export interface ModelSummary {
  project: string
  name: string
  versions: number
  latest: ModelVersionRecord
  aliases: Record<string, number>
}

/** Registers a recorded computation's model.json as the next version (1, 2, …) of model `name` in its project. */
export async function registerModel(app: App, computationRef: string, options: { name: string; alias?: string }, scope: Scope = {}): Promise<ModelVersionView> {
  const name = checkModelName(options.name)
  const alias = options.alias === undefined ? undefined : checkAlias(options.alias)
  const { computation } = await getComputation(app, computationRef, scope)
  const artifact = modelRef(computation)
  if (!artifact) {
    const why = computation.modelNote ?? 'it was executed with --no-models, or by a padre that kept no models'
    throw new InvalidInputError(`Computation ${computation.id} kept no model.json (${why}). Execute the experiment again without --no-models and register one of the new computations.`)
  }
  const [project, experiment, execution, runName] = computation.run.split(ID_SEPARATOR)
  const run = await app.store.run(project, experiment, execution, runName)
  if (!run) throw new NotFoundError(`Run ${computation.run} of computation ${computation.id} has no run.json.`)
  const shape = await modelShape(app, run.dataset, artifact.sha256)
  // Two registrations at once: the second finds its number taken (nothing written) and takes the next one.
  for (let attempt = 1; ; attempt++) {
    const versions = await app.store.modelVersionNumbers(project, name)
    for (const v of versions) {
      const existing = await app.store.modelVersion(project, name, v)
      if (existing?.computation === computation.id) throw new AlreadyExistsError(`Computation ${computation.id} is already version ${v} of model '${name}'. Set an alias with 'padre model alias set ${name} <alias> ${v}'.`)
    }
    const number = (versions.at(-1) ?? 0) + 1
    const version: ModelVersionRecord = {
      schemaVersion: SCHEMA_VERSION, id: modelVersionId(project, name, number), project, name, version: number,
      computation: computation.id, experiment, dataset: run.dataset, ...shape, artifact, createdAt: new Date().toISOString(),
    }
    try {
      await app.bus.emit('model:registered', { root: app.root, version, ...(alias ? { alias } : {}) })
      return { ...version, aliases: alias ? [alias] : [] }
    } catch (error) {
      if (!(error instanceof VersionTakenError) || attempt >= 10) throw error
    }
  }
}

/** Task, classes and features from the model.json when it is here, else from the dataset the run used. */
async function modelShape(app: App, datasetName: string, sha256: string): Promise<Pick<ModelVersionRecord, 'target' | 'task' | 'classes' | 'features'>> {
  const dataset = await getDataset(app, datasetName).catch(() => undefined)
  if (app.artifacts.has(sha256)) {
    const model = JSON.parse((await app.artifacts.get(sha256)).toString('utf8')) as SavedModel
    return { target: dataset?.target ?? '', task: model.task, ...(model.classes ? { classes: model.classes } : {}), features: model.features }
  }
  if (!dataset) throw new NotFoundError(`Neither the model.json (artifact ${sha256.slice(0, 12)}) nor dataset '${datasetName}' is here to describe the model. Run 'padre artifact pull' first.`)
  return { target: dataset.target, task: dataset.task, ...(dataset.task === 'classification' ? { classes: dataset.classes } : {}), features: dataset.featureNames }
}

export async function listModels(app: App, scope: Scope = {}): Promise<ModelSummary[]> {
  const projects = scope.project ? [await existingProject(app, scope.project)] : await app.store.projectNames()
  const all = await Promise.all(projects.map(async (project) => Promise.all((await app.store.modelNames(project)).map(async (name) => {
    const versions = await app.store.modelVersionNumbers(project, name)
    const latest = versions.length ? await app.store.modelVersion(project, name, versions.at(-1)!) : undefined
    return latest ? [{ project, name, versions: versions.length, latest, aliases: (await app.store.modelAliases(project, name))?.aliases ?? {} }] : []
  }))))
  return all.flat(2)
}

/** `name`, `name@alias`, `name@version` (and `project:` before any of them); the latest version without '@'. */
export async function getModel(app: App, ref: string, scope: Scope = {}): Promise<ModelVersionView> {
  const parsed = parseModelRef(ref)
  const project = await projectOf(app, parsed, scope)
  const aliases = (await app.store.modelAliases(project, parsed.name))?.aliases ?? {}
  const versions = await app.store.modelVersionNumbers(project, parsed.name)
  let version = versions.at(-1)
  if (parsed.alias !== undefined) {
    version = aliases[parsed.alias]
    if (version === undefined) {
      const close = closeMatches(parsed.alias, Object.keys(aliases))
      const known = Object.keys(aliases).length ? `Its aliases: ${Object.keys(aliases).join(', ')}.` : `It has no alias yet: 'padre model alias set ${parsed.name} ${parsed.alias} <version>'.`
      throw new NotFoundError(`Model '${parsed.name}' has no alias '${parsed.alias}'.${close.length ? ` Did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : ''} ${known}`, close)
    }
  } else if (parsed.version !== undefined) {
    if (!versions.includes(parsed.version)) throw new NotFoundError(`Model '${parsed.name}' has no version ${parsed.version}; its versions are ${versions.join(', ') || 'none'}.`)
    version = parsed.version
  }
  const record = version === undefined ? undefined : await app.store.modelVersion(project, parsed.name, version)
  if (!record) throw new NotFoundError(`Model '${parsed.name}' has no registered version. Register one with 'padre model register <computation id> --name ${parsed.name}'.`)
  return { ...record, aliases: Object.entries(aliases).filter(([, v]) => v === record.version).map(([a]) => a).sort() }
}

/** Points `alias` at an existing version of a model; one commit in the project repository. */
export async function setModelAlias(app: App, nameRef: string, alias: string, version: number, scope: Scope = {}): Promise<{ project: string; name: string; alias: string; version: number; previous?: number }> {
  const parsed = parseModelRef(nameRef)
  if (parsed.alias !== undefined || parsed.version !== undefined) throw new InvalidInputError(`Give the model's name without '@' ('${parsed.name}'), then the alias and the version.`)
  checkAlias(alias)
  if (!Number.isInteger(version) || version < 1) throw new InvalidInputError(`The version must be a whole number of at least 1, got '${version}'.`)
  const project = await projectOf(app, parsed, scope)
  const versions = await app.store.modelVersionNumbers(project, parsed.name)
  if (!versions.includes(version)) throw new NotFoundError(`Model '${parsed.name}' has no version ${version}; its versions are ${versions.join(', ') || 'none'}.`)
  const previous = (await app.store.modelAliases(project, parsed.name))?.aliases[alias]
  if (previous !== version) await app.bus.emit('model:aliased', { root: app.root, project, name: parsed.name, alias, version })
  return { project, name: parsed.name, alias, version, ...(previous !== undefined ? { previous } : {}) }
}

/** The project holding a model: the one named (or active), else the only project that has a model of that name. */
async function projectOf(app: App, ref: ModelRef, scope: Scope): Promise<string> {
  const named = ref.project ?? scope.project
  if (named) {
    await existingProject(app, named)
    const names = await app.store.modelNames(named)
    if (!names.includes(ref.name)) throw notFound(`Model`, ref.name, names, `padre model list -p ${named}`)
    return named
  }
  const projects = await app.store.projectNames()
  const holding = await Promise.all(projects.map(async (p) => ({ p, names: await app.store.modelNames(p) })))
  const found = holding.filter(({ names }) => names.includes(ref.name)).map(({ p }) => p)
  if (found.length === 1) return found[0]
  if (found.length > 1) throw new InvalidInputError(`Model '${ref.name}' is registered in several projects (${found.join(', ')}): give --project, or write <project>:${ref.name}.`)
  throw notFound('Model', ref.name, new Set(holding.flatMap(({ names }) => names)), 'padre model list')
}

async function existingProject(app: App, project: string): Promise<string> {
  checkName('project', project)
  if (!(await app.store.project(project))) throw notFound('Project', project, await app.store.projectNames(), 'padre project list')
  return project
}
