import { closeMatches } from '../errors.js'
import { checkName } from '../model/names.js'
import type { App } from './app.js'

export interface ProjectCheck {
  exists: boolean
  /** Existing projects close to the name, for a typo. */
  close: string[]
  /** `[GENERAL] auto_create = true` in the config. */
  autoCreate: boolean
}

/** Whether `experiment execute` may go on into this project, or must ask (read-only). */
export async function checkExecuteProject(app: App, name: string): Promise<ProjectCheck> {
  checkName('project', name)
  const autoCreate = app.config.values.GENERAL?.auto_create === 'true'
  if (await app.store.project(name)) return { exists: true, close: [], autoCreate }
  return { exists: false, close: closeMatches(name, await app.store.projectNames()), autoCreate }
}
