import type { Hook } from '@oclif/core'
import { suggestCommand, unknownCommandMessage } from './suggest-command.js'

/**
 * oclif's `command_not_found` hook: the closest commands, with the arguments kept apart from the
 * name (oclif glues them into the id: project:creat:Wine2). A one-line error and exit code 2.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const words = [...options.id.split(':'), ...(options.argv ?? [])]
  const known = [...options.config.commandIDs.map((id) => id.replace(/:/g, ' ')), ...options.config.topics.map((t) => t.name.replace(/:/g, ' '))]
  process.stderr.write(`Error: ${unknownCommandMessage(suggestCommand(words, [...new Set(known)]), options.config.bin)}\n`)
  process.exitCode = 2
}

export default hook
