import { EventLog } from '../../backends/file/event-log.js'
import { FileBackend } from '../../backends/file/file-backend.js'
import { FileStore } from '../../backends/file/file-store.js'
import { subscribeIndex } from '../../backends/index/index-backend.js'
import { RunIndex } from '../../backends/index/run-index.js'
import { subscribeRemovals } from '../../backends/removal.js'
import { configPath, loadConfig, type PadreConfig } from '../config/load.js'
import { EVENT_NAMES, EventBus, type EventName, type PadreEvents } from '../events.js'

/** Everything a service needs, made once per command (or once per shell). No module-level state. */
export interface App {
  config: PadreConfig
  root: string
  bus: EventBus
  store: FileStore
  log: EventLog
  /** Derived run index (runs + metrics per experiment), checked against the repositories on every read. */
  index: RunIndex
}

export interface AppOptions {
  configFile?: string
  /** Record in git too (default true). */
  git?: boolean
}

export async function createApp(options: AppOptions = {}): Promise<App> {
  const config = await loadConfig(configPath(options.configFile))
  const root = config.rootDir
  const bus = new EventBus()
  new FileBackend().subscribe(bus)
  if (options.git !== false) subscribeGitLazily(bus, config.git)
  subscribeRemovals(bus, config.git)
  const log = new EventLog(root)
  log.subscribe(bus)
  const index = new RunIndex(root)
  subscribeIndex(bus, index)
  return { config, root, bus, store: new FileStore(root), log, index }
}

/**
 * Read-only commands never need the git backend, so its modules load at the first event: a private bus
 * with the real backend on it receives every event of the app's bus, in the same place in the order.
 */
function subscribeGitLazily(bus: EventBus, author: { name: string; email: string }): void {
  let inner: Promise<EventBus> | undefined
  const load = () => (inner ??= import('../../backends/git/git-backend.js').then(({ GitBackend }) => {
    const gitBus = new EventBus()
    new GitBackend({ author }).subscribe(gitBus)
    return gitBus
  }))
  for (const type of EVENT_NAMES) {
    bus.on(type, async (payload: PadreEvents[EventName]) => (await load()).emit(type, payload as never), 'the git backend')
  }
}
