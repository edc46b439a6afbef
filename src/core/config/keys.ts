/** Every key padre reads from its INI file, with its default. .padre.cfg.example documents the same. */
export interface ConfigKey {
  section: string
  key: string
  default: string
  description: string
  kind: 'path' | 'boolean' | 'string' | 'integer'
}

export const CONFIG_KEYS: ConfigKey[] = [
  { section: 'LOCAL BACKEND', key: 'root_dir', default: '~/.padre', kind: 'path', description: 'where projects, datasets and padre.log live' },
  { section: 'GENERAL', key: 'offline', default: 'false', kind: 'boolean', description: 'never contact a remote (push/pull/clone refuse)' },
  { section: 'GENERAL', key: 'auto_create', default: 'false', kind: 'boolean', description: 'experiment execute --project creates a missing project without --create-project' },
  { section: 'GENERAL', key: 'allow_artifact_pull_offline', default: 'false', kind: 'boolean', description: 'while offline, still allow padre artifact pull (and nothing else that reaches a remote)' },
  { section: 'BACKEND', key: 'uri', default: '', kind: 'string', description: 'where records go: git://<path> (default: git://<root_dir>), file://<path>, memory://, or several separated by commas (composite: writes to all, reads from the first)' },
  { section: 'GIT', key: 'name', default: 'padre', kind: 'string', description: 'author name of the commits padre makes' },
  { section: 'GIT', key: 'email', default: 'padre@localhost', kind: 'string', description: 'author email of the commits padre makes' },
  { section: 'GIT', key: 'auto_pack_loose', default: '1000', kind: 'integer', description: 'pack a repository after a run once it has this many loose git objects (0: never; padre project gc packs by hand)' },
]

export function findKeys(key: string, section?: string): ConfigKey[] {
  return CONFIG_KEYS.filter((k) => k.key === key && (section === undefined || k.section.toLowerCase() === section.toLowerCase()))
}

/** Sections the user names, e.g. `[ARTIFACT REMOTE origin]`: the section prefix and the keys each may hold. */
export const NAMED_SECTIONS: Array<{ prefix: string; keys: string[] }> = [
  { prefix: 'ARTIFACT REMOTE', keys: ['url', 'endpoint', 'region'] },
]

/** The named-section kind a section header belongs to, if any. */
export function namedSection(section: string): { prefix: string; keys: string[]; name: string } | undefined {
  for (const kind of NAMED_SECTIONS) {
    const match = new RegExp(`^${kind.prefix} +([A-Za-z0-9_-]+)$`).exec(section)
    if (match) return { ...kind, name: match[1] }
  }
  return undefined
}
