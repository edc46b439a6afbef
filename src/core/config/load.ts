import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { writeFileAtomic } from '../storage-atomic.js'
import { ConfigError } from '../errors.js'
import { setConfigLine } from './edit.js'
import { CONFIG_KEYS, findKeys, type ConfigKey } from './keys.js'
import { parseConfig, type ConfigValues } from './parse.js'

export interface PadreConfig {
  file: string
  exists: boolean
  values: ConfigValues
  rootDir: string
  offline: boolean
  git: { name: string; email: string; autoPackLoose: number }
}

/** --config beats PADRE_CONFIG beats ~/.padre.cfg; an empty PADRE_CONFIG (`PADRE_CONFIG= padre …`) counts as unset. */
export function configPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? (env.PADRE_CONFIG || join(homedir(), '.padre.cfg')))
}

/** A missing file means defaults; loading never writes. */
export async function loadConfig(file: string): Promise<PadreConfig> {
  const text = await readText(file)
  const { values, errors } = parseConfig(text ?? '', file)
  if (errors.length) throw new ConfigError(`${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}. Fix the file or run 'padre config set'.`)
  const get = (section: string, key: string) => values[section]?.[key] ?? CONFIG_KEYS.find((k) => k.section === section && k.key === key)!.default
  const offline = get('GENERAL', 'offline')
  if (!['true', 'false'].includes(offline)) throw new ConfigError(`${file}: [GENERAL] offline must be true or false, not '${offline}'.`)
  const autoCreate = get('GENERAL', 'auto_create')
  if (!['true', 'false'].includes(autoCreate)) throw new ConfigError(`${file}: [GENERAL] auto_create must be true or false, not '${autoCreate}'.`)
  const autoPack = get('GIT', 'auto_pack_loose')
  if (!/^\d+$/.test(autoPack)) throw new ConfigError(`${file}: [GIT] auto_pack_loose must be a whole number of loose objects (0 disables), not '${autoPack}'.`)
  return {
    file,
    exists: text !== undefined,
    values,
    rootDir: expandHome(get('LOCAL BACKEND', 'root_dir')),
    offline: offline === 'true',
    git: { name: get('GIT', 'name'), email: get('GIT', 'email'), autoPackLoose: Number(autoPack) },
  }
}

export function resolveKey(key: string, section?: string): ConfigKey {
  const matches = findKeys(key, section)
  if (matches.length === 0) {
    const known = CONFIG_KEYS.map((k) => `${k.key} [${k.section}]`).join(', ')
    throw new ConfigError(`Unknown config key '${key}'${section ? ` in [${section}]` : ''}. Known keys: ${known}.`)
  }
  if (matches.length > 1) throw new ConfigError(`Key '${key}' is in several sections; name one with --section.`)
  return matches[0]
}

export function configValue(config: PadreConfig, key: ConfigKey): { value: string; isDefault: boolean } {
  const stored = config.values[key.section]?.[key.key]
  return { value: stored ?? key.default, isDefault: stored === undefined }
}

export async function setConfigValue(file: string, key: ConfigKey, value: string): Promise<void> {
  if (key.kind === 'boolean' && !['true', 'false'].includes(value)) throw new ConfigError(`[${key.section}] ${key.key} must be true or false, not '${value}'.`)
  if (key.kind === 'integer' && !/^\d+$/.test(value)) throw new ConfigError(`[${key.section}] ${key.key} must be a whole number, not '${value}'.`)
  if (/[\r\n]/.test(value)) throw new ConfigError('A config value must fit on one line.')
  const before = (await readText(file)) ?? ''
  const after = setConfigLine(before, key.section, key.key, value)
  const { errors } = parseConfig(after, file)
  if (errors.length) throw new ConfigError(`${errors[0]}. The file was left unchanged; fix it by hand first.`)
  await writeFileAtomic(file, after)
}

export function expandHome(path: string): string {
  if (path === '~') return homedir()
  if (path.startsWith('~/')) return join(homedir(), path.slice(2))
  return resolve(path)
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new ConfigError(`Cannot read config file ${file}: ${(error as Error).message}`)
  }
}
