import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ComputationArtifact } from '../../core/models/keep-model.js'

/** The folder of $PADRE_JOB_DIR whose files padre keeps as the computation's artifacts. */
export const ARTIFACTS_DIR = 'artifacts'

/** Every regular file under <job dir>/artifacts/ (symlinks are not followed), paths relative to it, '/'-separated. */
export async function readJobArtifacts(jobDir: string): Promise<ComputationArtifact[]> {
  const out: ComputationArtifact[] = []
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(join(dir, entry.name), path)
      else if (entry.isFile()) out.push({ path, content: (await readFile(join(dir, entry.name))).toString('base64'), encoding: 'base64' })
    }
  }
  await walk(join(jobDir, ARTIFACTS_DIR), '')
  return out
}
