import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import { ConfigError } from '../../core/errors.js'

const FIX = "set [LOCAL BACKEND] root_dir to a folder you can write ('padre config set root_dir <folder>')"

/** root_dir must be a folder (or not exist yet): checked by every command before it reads. */
export function checkRootReadable(root: string): void {
  let isDir: boolean
  try {
    isDir = statSync(root).isDirectory()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    if (code === 'ENOTDIR') throw new ConfigError(`root_dir ${root} lies under a file, not a folder: ${FIX}.`)
    throw new ConfigError(`root_dir ${root} cannot be read (${code}): ${FIX}.`)
  }
  if (!isDir) throw new ConfigError(`root_dir ${root} is a file, not a folder: ${FIX}.`)
}

/** Before the first write: root_dir exists (made if missing) and is writable. */
export function checkRootWritable(root: string): void {
  try {
    mkdirSync(root, { recursive: true })
    accessSync(root, constants.W_OK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOSPC') throw new ConfigError(`no space left on ${root}: free space and rerun.`)
    const why = code === 'EROFS' ? 'is on a read-only file system' : code === 'ENOTDIR' ? 'lies under a file' : `is not writable (${code})`
    throw new ConfigError(`root_dir ${root} ${why}: ${FIX}.`)
  }
}
