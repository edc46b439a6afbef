import { Flags } from '@oclif/core'

/** On every command that can reach a remote; PADRE_OFFLINE=1 and [GENERAL] offline = true do the same. */
export const offlineFlag = Flags.boolean({ description: 'refuse to contact any remote (as PADRE_OFFLINE=1 or [GENERAL] offline = true)' })
