import { Args, Flags } from '@oclif/core'
import { PadreCommand } from '../../cli/base-command.js'
import { configPath, resolveKey, setConfigValue } from '../../core/config/load.js'

export default class ConfigSet extends PadreCommand {
  static override description = 'Set one config value (the file keeps its other lines and comments)'
  static override examples = ['<%= config.bin %> config set root_dir ~/experiments', '<%= config.bin %> config set email me@example.com --section GIT']
  static override args = {
    key: Args.string({ description: 'the key', required: true }),
    value: Args.string({ description: 'the new value', required: true }),
  }
  static override flags = { section: Flags.string({ char: 's', description: 'the section (needed only when a key is in several)' }) }

  async run(): Promise<{ section: string; key: string; value: string; file: string }> {
    const { args, flags } = await this.parse(ConfigSet)
    const key = resolveKey(args.key, flags.section)
    const file = configPath(flags.config)
    await setConfigValue(file, key, args.value)
    this.log(`Set [${key.section}] ${key.key} = ${args.value} in ${file}`)
    return { section: key.section, key: key.key, value: args.value, file }
  }
}
