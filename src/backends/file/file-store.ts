import { readdirSync, readFileSync } from 'node:fs'

// Reads are synchronous on purpose: a list reads a thousand small files, and the promise API's
// thread-pool round trips made that ten times slower.

/** Folder names, sorted; a missing folder is an empty list. Temp files and dot-folders are skipped. */
export async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = readdirSync(dir, { withFileTypes: true })
    return entries.filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** undefined when the file does not exist. */
export async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return JSON.parse(text) as T
}
