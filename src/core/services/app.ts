import { EventLog } from '../../backends/file/event-log.js'
import { FileBackend } from '../../backends/file/file-backend.js'
import { FileStore } from '../../backends/file/file-store.js'
import { subscribeIndex } from '../../backends/index/index-backend.js'
import { RunIndex } from '../../backends/index/run-index.js'
import { subscribeRemovals } from '../../backends/removal.js'
import { checkRootReadable, checkRootWritable } from '../../backends/file/root-dir.js'
import { deadJournals } from '../../backends/journal/heal.js'
import { Journal } from '../../backends/journal/journal.js'
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
  checkRootReadable(root)
  const bus = new EventBus()
  const git = options.git !== false
  let writable = false
  for (const type of EVENT_NAMES) bus.on(type, () => { if (!writable) checkRootWritable(root); writable = true }, 'the root_dir check')
  const journal = git ? new Journal(root) : undefined
  journal?.subscribeBegin(bus)
  new FileBackend().subscribe(bus)
  if (git) subscribeGitLazily(bus, config.git)
  journal?.subscribeEnd(bus)
  subscribeRemovals(bus, config.git)
  const log = new EventLog(root)
  log.subscribe(bus)
  const index = new RunIndex(root)
  subscribeIndex(bus, index)
  if (git && deadJournals(root).length) await healLeftovers(root, config.git)
  return { config, root, bus, store: new FileStore(root), log, index }
}

/** A padre process was killed mid-bookkeeping: finish its work before this command reads anything. */
async function healLeftovers(root: string, author: { name: string; email: string }): Promise<void> {
  try {
    const { healInterrupted } = await import('../../backends/journal/heal.js')
    await healInterrupted(root, author)
  } catch (error) {
    process.stderr.write(`padre: could not finish the bookkeeping of an interrupted padre command: ${(error as Error).message.split('\n')[0]} (the next command tries again)\n`)
  }
}

/**
 * Read-only commands never need the git backend, so its modules load at the first event: a private bus
 * with the real backend on it receives every event of the app's bus, in the same place in the order.
 */
function subscribeGitLazily(bus: EventBus, author: { name: string; email: string; autoPackLoose?: number }): void {
  let inner: Promise<EventBus> | undefined
  const load = () => (inner ??= import('../../backends/git/git-backend.js').then(({ GitBackend }) => {
    const gitBus = new EventBus()
    new GitBackend({ author, autoPackLoose: author.autoPackLoose }).subscribe(gitBus)
    return gitBus
  }))
  for (const type of EVENT_NAMES) {
    bus.on(type, async (payload: PadreEvents[EventName]) => (await load()).emit(type, payload as never), 'the git backend')
  }
}
