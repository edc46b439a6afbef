import type { ArtifactRef } from '../artifacts/types.js'
import { loadConfig } from '../config/load.js'
import { BackendError, NotFoundError } from '../errors.js'
import type { App } from './app.js'
import { resolveArtifactRemote } from './artifact-remotes.js'
import { assertOnline, type OnlineOptions } from './offline.js'
import { getProject } from './projects.js'

/** An artifact as the records reference it: which computation kept it, and whether its content is in the local store. */
export interface ArtifactEntry extends ArtifactRef {
  computation: string
  local: boolean
}

export interface TransferSummary {
  remote: string
  url: string
  /** Distinct artifacts (output path, producer, content) the records reference. */
  artifacts: number
  transferred: number
  bytes: number
  present: number
}

export type ProgressHandler = (done: number, total: number) => void

/** Every ArtifactRef in the computation records (of one project, or all). */
export async function collectArtifacts(app: App, project?: string): Promise<Array<{ computation: string; ref: ArtifactRef }>> {
  const projects = project ? [(await getProject(app, project)).name] : await app.store.projectNames()
  const found: Array<{ computation: string; ref: ArtifactRef }> = []
  for (const p of projects) {
    for (const e of await app.store.experimentNames(p)) {
      for (const v of await app.store.executionVersions(p, e)) {
        for (const r of await app.store.runNames(p, e, v)) {
          for (const c of await app.store.computationNames(p, e, v, r)) {
            const record = await app.store.computation(p, e, v, r, c)
            for (const ref of record?.artifacts ?? []) found.push({ computation: record!.id, ref })
          }
        }
      }
    }
  }
  return found
}

export async function listArtifacts(app: App, options: { project?: string } = {}): Promise<ArtifactEntry[]> {
  const store = await localStore(app)
  return (await collectArtifacts(app, options.project)).map(({ computation, ref }) => ({ computation, ...ref, local: store.has(ref.sha256) }))
}

export async function pushArtifacts(app: App, options: { project?: string; remote?: string } & OnlineOptions, progress?: ProgressHandler): Promise<TransferSummary> {
  return transfer(app, 'push', options, progress)
}

export async function pullArtifacts(app: App, options: { project?: string; remote?: string } & OnlineOptions, progress?: ProgressHandler): Promise<TransferSummary> {
  return transfer(app, 'pull', options, progress)
}

async function transfer(app: App, direction: 'push' | 'pull', options: { project?: string; remote?: string } & OnlineOptions, progress?: ProgressHandler): Promise<TransferSummary> {
  // Read again: in the shell, 'artifact remote add' or 'config set' may have changed the file since the app was made.
  const config = await loadConfig(app.config.file)
  const target = resolveArtifactRemote(config, options.remote)
  assertOnline(config, `artifact ${direction} (remote '${target.name}', ${target.url})`, { ...options, artifactPull: direction === 'pull' })
  const refs = await collectArtifacts(app, options.project)
  const backend = await app.loaders.artifacts()
  const { remoteKey } = backend
  const report = await backend.transfer(direction, app.root, target, refs.map((r) => r.ref), progress)
  if (report.problems.length) {
    const [first] = report.problems
    const owner = refs.find((r) => remoteKey(r.ref) === first.key)?.computation ?? 'a computation'
    const done = report.transferred ? ` (${report.transferred} other${report.transferred === 1 ? '' : 's'} transferred)` : ''
    const more = report.problems.length > 1 ? `; and ${report.problems.length - 1} more` : ''
    const message = `artifact ${direction}: '${first.ref.path}' of ${owner} (sha256 ${first.ref.sha256.slice(0, 12)}) is ${first.problem === 'missing' ? 'missing' : 'unusable'}: ${first.detail}${more}${done}.`
    throw first.problem === 'missing' ? new NotFoundError(message) : new BackendError(message)
  }
  return { remote: target.name, url: target.url, artifacts: new Set(refs.map((r) => remoteKey(r.ref))).size, transferred: report.transferred, bytes: report.bytes, present: report.present }
}

async function localStore(app: App) {
  return (await app.loaders.artifacts()).localStore(app.root)
}
