import { existsSync } from 'node:fs'
import { link, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { BackendError } from '../../core/errors.js'
import type { ArtifactRemote } from './remote.js'

let counter = 0
const TEMP = /^\.\d+\.\d+\.tmp$/
/** A temp file this old belongs to a push that was killed: a live one writes a single object, in seconds. */
const ABANDONED_MS = 24 * 3600 * 1000

/** A directory (a mounted share, a USB disk): temp file + hard link, so an object appears whole or not at all and is never replaced. */
export class DirRemote implements ArtifactRemote {
  readonly dir: string
  constructor(readonly url: string) { this.dir = resolve(url) }

  private path(key: string): string { return join(this.dir, ...key.split('/')) }

  private async checkRoot(): Promise<void> {
    let info
    try { info = await stat(this.dir) } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackendError(`artifact remote directory ${this.dir} does not exist: create it (mkdir -p) or fix the remote's url.`)
      throw new BackendError(`cannot read artifact remote directory ${this.dir}: ${(error as Error).message}`)
    }
    if (!info.isDirectory()) throw new BackendError(`artifact remote ${this.dir} is not a directory: fix the remote's url.`)
  }

  async keys(): Promise<Set<string>> {
    await this.checkRoot()
    const keys = new Set<string>()
    for (const path of await entries(this.dir)) {
      for (const producer of await entries(join(this.dir, path))) {
        const dir = join(this.dir, path, producer)
        for (const hash of await entries(dir)) {
          if (/^[0-9a-f]{64}$/.test(hash)) keys.add(`${path}/${producer}/${hash}`)
        }
        await removeAbandonedTemps(dir)
      }
    }
    return keys
  }

  async has(key: string): Promise<boolean> { return existsSync(this.path(key)) }

  async put(key: string, content: Buffer): Promise<boolean> {
    const file = this.path(key)
    if (existsSync(file)) return false
    await this.checkRoot()
    await mkdir(dirname(file), { recursive: true })
    const temp = join(dirname(file), `.${process.pid}.${++counter}.tmp`)
    try {
      await writeFile(temp, content)
      await link(temp, file)
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
      throw new BackendError(`cannot write ${file}: ${(error as Error).message}`)
    } finally {
      await rm(temp, { force: true })
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try { return await readFile(this.path(key)) } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        await this.checkRoot()
        return undefined
      }
      throw new BackendError(`cannot read ${this.path(key)}: ${(error as Error).message}`)
    }
  }
}

async function entries(dir: string): Promise<string[]> {
  try { return (await readdir(dir)).filter((name) => !name.startsWith('.')) } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return []
    throw error
  }
}

/** Temp files of killed pushes (invisible to keys, but they take space); pushes from other machines may share the directory, hence age, not pid. */
async function removeAbandonedTemps(dir: string): Promise<void> {
  let names: string[]
  try { names = (await readdir(dir)).filter((name) => TEMP.test(name)) } catch { return }
  for (const name of names) {
    const file = join(dir, name)
    try {
      if (Date.now() - (await stat(file)).mtimeMs > ABANDONED_MS) await rm(file, { force: true })
    } catch { /* gone meanwhile */ }
  }
}
