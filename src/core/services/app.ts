import { EventLog } from '../../backends/file/event-log.js'
import { FileBackend } from '../../backends/file/file-backend.js'
import { FileStore } from '../../backends/file/file-store.js'
import { configPath, loadConfig, type PadreConfig } from '../config/load.js'
import { EventBus } from '../events.js'

/** Everything a service needs, made once per command (or once per shell). No module-level state. */
export interface App {
  config: PadreConfig
  root: string
  bus: EventBus
  store: FileStore
  log: EventLog
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
  if (options.git !== false) {
    const { GitBackend } = await import('../../backends/git/git-backend.js')
    new GitBackend({ author: config.git }).subscribe(bus)
  }
  const log = new EventLog(root)
  log.subscribe(bus)
  return { config, root, bus, store: new FileStore(root), log }
}
