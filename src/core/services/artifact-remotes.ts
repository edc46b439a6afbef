import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parseRemoteUrl } from '../artifacts/remote-url.js'
import type { PadreConfig } from '../config/load.js'
import { deleteConfigSection, writeConfigSection } from '../config/sections.js'
import { AlreadyExistsError, ConfigError, InvalidInputError, notFound } from '../errors.js'

/** A named artifact remote from the config: `[ARTIFACT REMOTE <name>]` with url (and endpoint, region for S3). */
export interface ArtifactRemoteConfig {
  name: string
  url: string
  endpoint?: string
  region?: string
}

const SECTION = 'ARTIFACT REMOTE'

/** In the order of the config file. */
export function listArtifactRemotes(config: PadreConfig): ArtifactRemoteConfig[] {
  const remotes: ArtifactRemoteConfig[] = []
  for (const [section, values] of Object.entries(config.values)) {
    const match = /^ARTIFACT REMOTE +(\S+)$/.exec(section)
    if (!match) continue
    if (!values.url) throw new ConfigError(`${config.file}: [${section}] has no url: add 'url = <directory or s3://bucket/prefix>' or run 'padre artifact remote remove ${match[1]}'.`)
    // A directory written by hand relative to nothing in particular: the config file's folder, not the current one.
    const url = parseRemoteUrl(values.url).kind === 'dir' ? absolute(values.url, dirname(config.file)) : values.url
    remotes.push({ name: match[1], url, ...(values.endpoint ? { endpoint: values.endpoint } : {}), ...(values.region ? { region: values.region } : {}) })
  }
  return remotes
}

/** --remote NAME, else the only (or first) configured remote. */
export function resolveArtifactRemote(config: PadreConfig, name?: string): ArtifactRemoteConfig {
  const remotes = listArtifactRemotes(config)
  if (name !== undefined) {
    const found = remotes.find((r) => r.name === name)
    if (!found) throw notFound('Artifact remote', name, remotes.map((r) => r.name), 'padre artifact remote list')
    return found
  }
  if (!remotes.length) throw new ConfigError("No artifact remote is configured: run 'padre artifact remote add origin <directory or s3://bucket/prefix>'.")
  return remotes[0]
}

export async function addArtifactRemote(config: PadreConfig, name: string, url: string, options: { endpoint?: string; region?: string } = {}): Promise<ArtifactRemoteConfig> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new InvalidInputError(`Invalid artifact remote name '${name}': use letters, digits, '-' or '_' (up to 64 characters).`)
  if (listArtifactRemotes(config).some((r) => r.name === name)) throw new AlreadyExistsError(`Artifact remote '${name}' already exists: remove it first ('padre artifact remote remove ${name}') or pick another name.`)
  const parsed = parseRemoteUrl(url)
  if (parsed.kind === 'dir' && (options.endpoint || options.region)) throw new InvalidInputError('--endpoint and --region apply to s3:// remotes only.')
  if (options.endpoint && !/^https?:\/\/[^\s/]+/.test(options.endpoint)) throw new InvalidInputError(`endpoint '${options.endpoint}' is not an http(s) url, e.g. http://127.0.0.1:9000.`)
  if (options.endpoint && /\/\/[^/]*@/.test(options.endpoint)) throw new InvalidInputError('Do not put credentials in the endpoint url: padre reads them from the environment or the AWS profile only.')
  // A directory is stored absolute: the remote must not move with the current directory.
  const stored = parsed.kind === 'dir' ? absolute(parsed.path) : url
  const remote: ArtifactRemoteConfig = { name, url: stored, ...(options.endpoint ? { endpoint: options.endpoint } : {}), ...(options.region ? { region: options.region } : {}) }
  await writeConfigSection(config.file, `${SECTION} ${name}`, { url: stored, endpoint: options.endpoint, region: options.region })
  return remote
}

export async function removeArtifactRemote(config: PadreConfig, name: string): Promise<ArtifactRemoteConfig> {
  const remote = resolveArtifactRemote(config, name)
  await deleteConfigSection(config.file, `${SECTION} ${name}`)
  return remote
}

function absolute(path: string, base = process.cwd()): string {
  if (path === '~') return homedir()
  if (path.startsWith('~/')) return join(homedir(), path.slice(2))
  return resolve(base, path)
}
