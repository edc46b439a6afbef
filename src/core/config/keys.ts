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
  { section: 'GIT', key: 'name', default: 'padre', kind: 'string', description: 'author name of the commits padre makes' },
  { section: 'GIT', key: 'email', default: 'padre@localhost', kind: 'string', description: 'author email of the commits padre makes' },
  { section: 'GIT', key: 'auto_pack_loose', default: '1000', kind: 'integer', description: 'pack a repository after a run once it has this many loose git objects (0: never; padre project gc packs by hand)' },
]

export function findKeys(key: string, section?: string): ConfigKey[] {
  return CONFIG_KEYS.filter((k) => k.key === key && (section === undefined || k.section.toLowerCase() === section.toLowerCase()))
}
