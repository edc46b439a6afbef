import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The installed package's folder (this file is src/core or dist/core inside it). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
