import type { PadreConfig } from '../config/load.js'
import { ConfigError } from '../errors.js'

/** How a command was told to stay offline, besides the config: its --offline flag. */
export interface OnlineOptions {
  offline?: boolean
  env?: NodeJS.ProcessEnv
}

/** Why padre is offline right now (flag, then environment, then config), or undefined when it may reach remotes. */
export function offlineReason(config: PadreConfig, options: OnlineOptions = {}): { source: string; howToGoOnline: string } | undefined {
  const env = options.env ?? process.env
  if (options.offline) return { source: '--offline', howToGoOnline: 'run the command without --offline' }
  const flag = env.PADRE_OFFLINE?.trim().toLowerCase()
  if (flag && !['0', 'false', 'no', ''].includes(flag)) return { source: `PADRE_OFFLINE=${env.PADRE_OFFLINE}`, howToGoOnline: 'unset PADRE_OFFLINE (or set it to 0)' }
  if (config.offline) return { source: `[GENERAL] offline = true in ${config.file}`, howToGoOnline: "run 'padre config set offline false'" }
  return undefined
}

/**
 * Every operation that reaches a remote calls this first: offline, it stops with one line saying why
 * and how to go online. `artifactPull` honours [GENERAL] allow_artifact_pull_offline.
 */
export function assertOnline(config: PadreConfig, what: string, options: OnlineOptions & { artifactPull?: boolean } = {}): void {
  const reason = offlineReason(config, options)
  if (!reason) return
  if (options.artifactPull && allowArtifactPullOffline(config)) return
  const hint = options.artifactPull ? " (or set [GENERAL] allow_artifact_pull_offline = true to allow artifact pull only)" : ''
  throw new ConfigError(`padre is offline (${reason.source}): ${what} needs a remote; ${reason.howToGoOnline} to go online${hint}.`)
}

function allowArtifactPullOffline(config: PadreConfig): boolean {
  const value = config.values.GENERAL?.allow_artifact_pull_offline ?? 'false'
  if (!['true', 'false'].includes(value)) throw new ConfigError(`${config.file}: [GENERAL] allow_artifact_pull_offline must be true or false, not '${value}'.`)
  return value === 'true'
}

/**
 * A Redis queue on this machine (loopback or a unix socket) is still usable offline; any other host is
 * a remote, refused offline like a push. The password never appears in the message.
 */
export function assertQueueAllowed(config: PadreConfig, url: string, options: OnlineOptions = {}): void {
  if (isOnThisMachine(url)) return
  assertOnline(config, `the queue ${withoutPassword(url)}`, options)
}

function isOnThisMachine(url: string): boolean {
  if (url.startsWith('unix:') || url.startsWith('/')) return true
  let host: string
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase()
  } catch {
    return false // a malformed url is refused offline; online, the queue reports it
  }
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@')
  }
}
