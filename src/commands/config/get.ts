import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { configPath, configValue, loadConfig, resolveKey } from '../../core/config/load.js'

export default class ConfigGet extends PadreCommand {
  static override description = 'Print one config value'
  static override examples = ['<%= config.bin %> config get root_dir', '<%= config.bin %> config get name --section GIT --json']
  static override args = { key: Args.string({ description: 'the key', required: true }) }
  static override flags = { section: Flags.string({ char: 's', description: 'the section, e.g. "LOCAL BACKEND" (needed only when a key is in several)' }) }

  async run(): Promise<{ section: string; key: string; value: string; default: boolean; file: string }> {
    const { args, flags } = await this.parse(ConfigGet)
    const key = resolveKey(args.key, flags.section)
    const config = await loadConfig(configPath(flags.config))
    const { value, isDefault } = configValue(config, key)
    this.log(value)
    return { section: key.section, key: key.key, value, default: isDefault, file: config.file }
  }
}
