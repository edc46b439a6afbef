import type { ArtifactRef } from '../artifacts/types.js'
import { AlreadyExistsError, InvalidInputError } from '../errors.js'
import { checkName } from '../model/names.js'
import type { Task } from '../model/types.js'

/**
 * One version of a registered model: a recorded computation's model.json, by hash. Kept in the project
 * repository (models/<name>/versions/<version>.json), committed; versions count 1, 2, … per name.
 */
export interface ModelVersionRecord {
  schemaVersion: number
  /** <project>:<name>@<version> */
  id: string
  project: string
  name: string
  version: number
  /** The computation whose fitted pipeline this is. */
  computation: string
  experiment: string
  dataset: string
  /** The dataset's target column: a CSV given to predict may carry it (it is ignored). */
  target: string
  task: Task
  classes?: string[]
  features: string[]
  /** model.json in the artifact store. */
  artifact: ArtifactRef
  createdAt: string
}

/** models/<name>/aliases.json: alias → version. */
export interface ModelAliasesRecord {
  schemaVersion: number
  project: string
  name: string
  aliases: Record<string, number>
  updatedAt: string
}

/** Another padre registered this version number first: the registration takes the next number. */
export class VersionTakenError extends AlreadyExistsError {}

export const modelVersionId = (project: string, name: string, version: number) => `${project}:${name}@${version}`

/** Model names become folder names, and '@' introduces an alias or a version. */
export function checkModelName(name: string): string {
  checkName('model', name)
  if (name.includes('@')) throw new InvalidInputError(`Invalid model name '${name}': it contains '@', which separates a model from its alias or version (name@production, name@2).`)
  return name
}

/** Aliases name a version; an alias of digits only would read as a version number. */
export function checkAlias(alias: string): string {
  checkName('alias', alias)
  if (alias.includes('@')) throw new InvalidInputError(`Invalid alias '${alias}': it contains '@'.`)
  if (/^\d+$/.test(alias)) throw new InvalidInputError(`Invalid alias '${alias}': an alias of digits only would read as a version number; use a word such as 'production'.`)
  return alias
}

/** `[project:]name[@alias|@version]` */
export interface ModelRef { project?: string; name: string; alias?: string; version?: number }

export function parseModelRef(ref: string): ModelRef {
  const colon = ref.indexOf(':')
  const project = colon >= 0 ? ref.slice(0, colon) : undefined
  const rest = colon >= 0 ? ref.slice(colon + 1) : ref
  const at = rest.indexOf('@')
  const name = at >= 0 ? rest.slice(0, at) : rest
  const selector = at >= 0 ? rest.slice(at + 1) : undefined
  if (project !== undefined) checkName('project', project)
  checkModelName(name)
  if (selector === undefined) return { ...(project ? { project } : {}), name }
  if (selector === '') throw new InvalidInputError(`'${ref}' ends with '@': give an alias or a version after it (${name}@production, ${name}@2), or leave it out for the latest version.`)
  if (/^\d+$/.test(selector)) return { ...(project ? { project } : {}), name, version: Number(selector) }
  return { ...(project ? { project } : {}), name, alias: checkAlias(selector) }
}
