import { Flags } from '@oclif/core'

/** The scope flags; in the shell they default to the active objects. */
export const scopeFlags = {
  project: Flags.string({ char: 'p', description: 'project name' }),
  experiment: Flags.string({ char: 'e', description: 'experiment name (or <project>:<experiment>)' }),
  execution: Flags.string({ description: 'execution version (or full execution id)' }),
  run: Flags.string({ description: 'run name (or full run id)' }),
}

/** `-l/--limit` on every list. */
export const limitFlag = Flags.integer({ char: 'l', description: 'show at most this many', min: 1 })
