import { join } from 'node:path'
import { autoPackHeld, looseAtLeast } from './pack-repo.js'
import { withRepoLock } from './repo-lock.js'

/**
 * After a run is committed, with the experiment's lock held: pack the experiment repository, then
 * the project repository (its lock taken after the experiment's, the order every commit uses), when
 * its loose objects reach the threshold. The run is recorded whatever happens here: a packing that
 * fails leaves every loose object in place, so it is a warning, not a failed command.
 */
export async function autoPack(experimentDir: string, projectDir: string, threshold: number): Promise<void> {
  for (const dir of [experimentDir, projectDir]) {
    try {
      if (dir === experimentDir) autoPackHeld(dir, threshold)
      else if (looseAtLeast(join(dir, '.git'), threshold)) await withRepoLock(dir, () => autoPackHeld(dir, threshold))
    } catch (error) {
      process.stderr.write(`padre: packing the git objects of ${dir} failed (${(error as Error).message.split('\n')[0]}); the run is recorded, and 'padre project gc' can pack later\n`)
    }
  }
}
