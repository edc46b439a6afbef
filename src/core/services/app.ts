import type { PadreConfig } from '../config/load.js'
import type { EventBus } from '../events.js'
import type { RunMetrics, RunRecord, SourceReference } from '../model/types.js'
import type { RunSummary } from '../query/documents.js'
import type { Storage } from '../storage.js'
import type { Records } from '../storage-records.js'

/**
 * Everything a service needs, made once per command (or once per shell) by the composition root
 * (src/app/create-app.ts), which picks the backends from the config. No module-level state.
 */
export interface App {
  config: PadreConfig
  /** The root_dir of the first backend that keeps files (or of [LOCAL BACKEND] when none does). */
  root: string
  bus: EventBus
  /** The typed reads of the services, over `storage`. */
  store: Records
  /** Where the records are stored: the backends of [BACKEND] uri (or --backend). */
  storage: Storage
  log: AppLog
  /** Derived run index (runs + metrics per experiment), checked against the repositories on every read. */
  index: RunIndexView
  /** Backend modules the core needs now and then, loaded only then (the core imports no backend). */
  loaders: BackendLoaders
  /** Content-addressed files of computations (model.json...) under <root>/artifacts/, outside the repositories. */
  artifacts: import('../artifacts/types.js').ArtifactStore
}

export type LogLevel = 'INFO' | 'WARN' | 'ERROR'
export interface AppLog {
  write(level: LogLevel, message: string): Promise<void>
}

export interface IndexEntry {
  run: RunRecord
  metrics: RunMetrics | null
}
export interface IndexSummary {
  run: RunSummary
  metrics: Pick<RunMetrics, 'points'> | null
}
export interface RunIndexView {
  entries(project: string, experiment: string): IndexEntry[]
  summaries(project: string, experiment: string): IndexSummary[]
  /** The query columns of an experiment (--where narrows to candidates with them), undefined when not at hand. */
  columns(project: string, experiment: string): IndexColumnsView | undefined
  /** Set when a read found a run it could not index yet (a run being written): answers are not to be stored. */
  readonly incomplete: boolean
}

/** What the query services read of an experiment's query columns. */
export interface IndexColumnsView {
  fields: string[]
  visibleFields: string[]
  visibleDocs: number
  docs: number
  metricFields: string[]
  visibleMetricFields: string[]
  metricDocs: number
  visibleMetricDocs: number
  /** The summaries of the runs having a candidate document under the query (mingo decides the match). */
  candidates(query: Record<string, unknown>): IndexSummary[]
  close(): void
}

export interface RepoResult { repository: string; url: string; oid?: string; status: 'pushed' | 'up-to-date' | 'fast-forwarded' | 'cloned' | 'ahead' }
export interface RemoteBackend {
  addRemote(root: string, project: string, name: string, url: string): Promise<{ project: string; remote: string; url: string; experiments: Array<{ name: string; url: string }> }>
  push(root: string, project: string, remote?: string): Promise<{ project: string; remote: string; repositories: RepoResult[] }>
  pull(root: string, project: string, remote?: string): Promise<{ project: string; remote: string; repositories: RepoResult[] }>
  clone(root: string, url: string, name?: string): Promise<{ project: string; dir: string; repositories: RepoResult[] }>
}
export interface BackendLoaders {
  /** The version of a definition file from its git repository. */
  resolveCodeVersion(file: string): Promise<{ version: string; source: SourceReference }>
  remote(): Promise<RemoteBackend>
  /** Packing a project's repositories (padre project gc). */
  packing(): Promise<{ gcProjectRepos(projectDir: string, project: string): Promise<import('./gc.js').RepositoryGc[]> }>
  /** The local artifact store and the artifact remotes. */
  artifacts(): Promise<import('../artifacts/types.js').ArtifactBackend>
}
