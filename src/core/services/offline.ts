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
