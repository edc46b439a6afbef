import { join } from 'node:path'
import { FILES, paths } from '../../core/model/paths.js'
import { SCHEMA_VERSION } from '../../core/model/types.js'
import { VersionTakenError, type ModelAliasesRecord, type ModelVersionRecord } from '../../core/models/registry.js'
import { withLock } from '../lock/file-lock.js'
import { readJson } from './file-store.js'
import { createJsonExclusive, writeJsonAtomic } from './atomic.js'

// The lock lives in the project's .git, so the work tree stays clean for native git.
const lockFile = (root: string, project: string, name: string) => join(paths.project(root, project), '.git', `padre-model-${name}.lock`)

/** A version file is created once: two registrations racing for the same number leave the first. */
export async function writeModelVersion(root: string, version: ModelVersionRecord, alias?: string): Promise<void> {
  await withLock(lockFile(root, version.project, version.name), async () => {
    const file = join(paths.modelVersions(root, version.project, version.name), `${version.version}.json`)
    if (!(await createJsonExclusive(file, version))) {
      throw new VersionTakenError(`Version ${version.version} of model '${version.name}' was just registered by another padre; run the command again for the next version.`)
    }
    if (alias) await setAlias(root, version.project, version.name, alias, version.version)
  }, { what: `model '${version.name}'` })
}

export async function writeModelAlias(root: string, project: string, name: string, alias: string, version: number): Promise<void> {
  await withLock(lockFile(root, project, name), () => setAlias(root, project, name, alias, version), { what: `model '${name}'` })
}

/** Read-modify-write of aliases.json; hold the model's lock. */
async function setAlias(root: string, project: string, name: string, alias: string, version: number): Promise<void> {
  const file = join(paths.model(root, project, name), FILES.modelAliases)
  const current = await readJson<ModelAliasesRecord>(file)
  const record: ModelAliasesRecord = {
    schemaVersion: SCHEMA_VERSION, project, name, aliases: { ...(current?.aliases ?? {}), [alias]: version }, updatedAt: new Date().toISOString(),
  }
  await writeJsonAtomic(file, record)
}
