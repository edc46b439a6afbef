import { CancelledError, InvalidInputError } from '../core/errors.js'
import { canPrompt } from './prompt-missing.js'

/**
 * Asks before something is deleted: `--yes` skips the question; at a terminal a yes/no question
 * (default no); elsewhere (scripts, CI, --json) the command stops and names --yes.
 */
export async function confirmOrYes(yes: boolean, argv: string[], question: string): Promise<void> {
  if (yes) return
  if (!canPrompt(argv)) throw new InvalidInputError(`${question.replace(/\?$/, '')}: pass --yes to confirm (there is no terminal to ask).`)
  const { confirm } = await import('@inquirer/prompts')
  if (!(await confirm({ message: question, default: false }))) throw new CancelledError('Nothing deleted.')
}
