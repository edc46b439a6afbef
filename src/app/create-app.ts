import { LocalArtifactStore } from '../backends/artifacts/local-store.js'
import { MemoryArtifactStore } from '../backends/memory/memory-artifacts.js'
import { EventLog } from '../backends/file/event-log.js'
import { FileStorage } from '../backends/file/file-storage.js'
import { checkRootReadable, checkRootWritable } from '../backends/file/root-dir.js'
import { StorageBackend } from '../backends/file/storage-backend.js'
import { CompositeStorage } from '../backends/composite/composite-storage.js'
import { subscribeIndex } from '../backends/index/index-backend.js'
import { RunIndex } from '../backends/index/run-index.js'
import { deadJournals } from '../backends/journal/heal.js'
import { Journal } from '../backends/journal/journal.js'
import { MemoryStorage } from '../backends/memory/memory-storage.js'
import { OverlayStorage } from '../backends/memory/overlay-storage.js'
import { subscribeRemovals } from '../backends/removal.js'
import { configPath, loadConfig } from '../core/config/load.js'
import { ConfigError } from '../core/errors.js'
import { EVENT_NAMES, EventBus } from '../core/events.js'
import type { App, AppLog, BackendLoaders, RunIndexView } from '../core/services/app.js'
import type { Storage } from '../core/storage.js'
import { Records } from '../core/storage-records.js'
import { parseBackendUris, type BackendSpec } from '../core/storage-uri.js'
import { subscribeGitLazily } from './git-lazily.js'

export interface AppOptions {
  configFile?: string
  /** Record in git too (default true); false turns git:// members into file:// ones. */
  git?: boolean
  /**
   * Instead of [BACKEND] uri: `memory` keeps every write in this process (reads fall through to the
   * configured store, which is never written), or a URI list as [BACKEND] uri takes.
   */
  backend?: string
}

const NO_LOG: AppLog = { write: async () => {} }
const NO_INDEX: RunIndexView = { entries: () => [], summaries: () => [], columns: () => undefined, incomplete: false }

/** The composition root: config → backends chosen by URI → the app the services receive. */
export async function createApp(options: AppOptions = {}): Promise<App> {
  const config = await loadConfig(configPath(options.configFile))
  const throwaway = options.backend !== undefined && ['memory', 'memory://'].includes(options.backend.trim())
  let specs = options.backend !== undefined && !throwaway
    ? parseBackendUris(options.backend, config.rootDir, '--backend')
    : parseBackendUris(config.values.BACKEND?.uri, config.rootDir, `${config.file}: [BACKEND] uri`)
  if (options.git === false) specs = specs.map((s) => (s.scheme === 'git' ? { ...s, scheme: 'file', uri: `file://${s.root}` } : s))
  specs.forEach((spec, i) => {
    try {
      if (spec.root) checkRootReadable(spec.root)
    } catch (error) {
      throw specs.length > 1 ? new ConfigError(`backend ${i + 1} (${spec.uri}): ${(error as Error).message}`) : error
    }
  })
  const primary = specs[0]
  const root = primary.root ?? config.rootDir
  const bus = new EventBus()
  const loaders: BackendLoaders = {
    resolveCodeVersion: async (file) => (await import('../backends/git/code-version.js')).resolveCodeVersion(file),
    remote: () => import('../backends/git/remote.js'),
    packing: () => import('../backends/git/pack-project.js'),
    artifacts: async () => (await import('../backends/artifacts/artifact-backend.js')).artifactBackend,
  }

  if (throwaway) {
    const storage = new OverlayStorage(storageOf(primary))
    new StorageBackend(storage, 'the memory backend').subscribe(bus)
    return { config, root, bus, storage, store: new Records(storage), log: NO_LOG, index: NO_INDEX, loaders, artifacts: new MemoryArtifactStore() }
  }

  const members = specs.map(storageOf)
  const storage: Storage = members.length === 1 ? members[0] : new CompositeStorage(members)
  const disk = primary.scheme !== 'memory'
  let unchecked = specs.flatMap((s, i) => (s.root ? [{ root: s.root, member: specs.length > 1 ? `backend ${i + 1} (${s.uri}): ` : '' }] : []))
  for (const type of EVENT_NAMES) {
    bus.on(type, () => {
      for (const { root: r, member } of unchecked) {
        try {
          checkRootWritable(r)
        } catch (error) {
          throw member ? new ConfigError(`${member}${(error as Error).message}`) : error
        }
      }
      unchecked = []
    }, 'the root_dir check')
  }
  const journal = primary.scheme === 'git' ? new Journal(root) : undefined
  journal?.subscribeBegin(bus)
  new StorageBackend(storage).subscribe(bus)
  specs.forEach((spec, i) => {
    if (spec.scheme === 'git') subscribeGitLazily(bus, config.git, spec.root!, specs.length > 1 ? { index: i, uri: spec.uri } : undefined)
  })
  journal?.subscribeEnd(bus)
  if (disk) subscribeRemovals(bus, config.git)
  const log = disk ? new EventLog(root) : undefined
  log?.subscribe(bus)
  const index = disk ? new RunIndex(root) : undefined
  if (index) subscribeIndex(bus, index)
  if (journal && deadJournals(root).length) await healLeftovers(root, config.git)
  const artifacts = disk ? new LocalArtifactStore(root) : new MemoryArtifactStore()
  return { config, root, bus, storage, store: new Records(storage), log: log ?? NO_LOG, index: index ?? NO_INDEX, loaders, artifacts }
}

function storageOf(spec: BackendSpec): Storage {
  return spec.scheme === 'memory' ? new MemoryStorage() : new FileStorage(spec.root!)
}

/** A padre process was killed mid-bookkeeping: finish its work before this command reads anything. */
async function healLeftovers(root: string, author: { name: string; email: string }): Promise<void> {
  try {
    const { healInterrupted } = await import('../backends/journal/heal.js')
    await healInterrupted(root, author)
  } catch (error) {
    process.stderr.write(`padre: could not finish the bookkeeping of an interrupted padre command: ${(error as Error).message.split('\n')[0]} (the next command tries again)\n`)
  }
}
