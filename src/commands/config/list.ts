import { Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { table } from '../../cli/render.js'
import { configPath, configValue, loadConfig } from '../../core/config/load.js'
import { CONFIG_KEYS } from '../../core/config/keys.js'

export default class ConfigList extends PadreCommand {
  static override description = 'List every config value, with defaults marked'
  static override examples = ['<%= config.bin %> config list', '<%= config.bin %> config list --section GIT --json']
  static override flags = { section: Flags.string({ char: 's', description: 'only this section' }) }

  async run(): Promise<Array<{ section: string; key: string; value: string; default: boolean }>> {
    const { flags } = await this.parse(ConfigList)
    const config = await loadConfig(configPath(flags.config))
    const keys = CONFIG_KEYS.filter((k) => !flags.section || k.section.toLowerCase() === flags.section.toLowerCase())
    const rows = keys.map((k) => ({ section: k.section, key: k.key, ...configValue(config, k) })).map(({ isDefault, ...r }) => ({ ...r, default: isDefault }))
    this.log(`${config.file}${config.exists ? '' : ' (not created yet: all defaults)'}`)
    await this.show(() => table(['section', 'key', 'value', 'source'], rows.map((r) => [r.section, r.key, r.value, r.default ? 'default' : 'file'])))
    return rows
  }
}
