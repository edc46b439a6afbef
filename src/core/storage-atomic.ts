import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

let counter = 0

/** Write to a temp file beside the target, then rename: readers see the old file or the new one. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.${++counter}.tmp`
  try {
    await writeFile(temp, content)
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n')
}

/**
 * Create `file` with `value` only if it does not exist yet (temp file + hard link, atomic): of two
 * processes creating the same record at once, the first one's record stays. Returns false if it existed.
 */
export async function createJsonExclusive(file: string, value: unknown): Promise<boolean> {
  await mkdir(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.${++counter}.tmp`
  try {
    await writeFile(temp, JSON.stringify(value, null, 2) + '\n')
    await link(temp, file)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    await rm(temp, { force: true })
  }
}
