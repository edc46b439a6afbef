import { readFile } from 'node:fs/promises'
import { writeFileAtomic } from '../storage-atomic.js'
import { ConfigError } from '../errors.js'
import { setConfigLine } from './edit.js'
import { parseConfig } from './parse.js'

/** Pure: the text without `[section]` and its lines (up to the next section header). */
export function removeConfigSection(text: string, section: string): string {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/)
  const out: string[] = []
  let inside = false
  for (const line of lines) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line)
    if (header) inside = header[1].trim() === section
    if (!inside) out.push(line)
  }
  while (out.length && out[out.length - 1].trim() === '') out.pop()
  return out.length ? `${out.join('\n')}\n` : ''
}

/** Writes several keys of one section at once (checked before the file is replaced); undefined values are left out. */
export async function writeConfigSection(file: string, section: string, entries: Record<string, string | undefined>): Promise<void> {
  let text = await readText(file)
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined) continue
    if (/[\r\n]/.test(value)) throw new ConfigError('A config value must fit on one line.')
    text = setConfigLine(text, section, key, value)
  }
  await checkedWrite(file, text)
}

export async function deleteConfigSection(file: string, section: string): Promise<void> {
  await checkedWrite(file, removeConfigSection(await readText(file), section))
}

async function checkedWrite(file: string, text: string): Promise<void> {
  const { errors } = parseConfig(text, file)
  if (errors.length) throw new ConfigError(`${errors[0]}. The file was left unchanged; fix it by hand first.`)
  await writeFileAtomic(file, text)
}

async function readText(file: string): Promise<string> {
  try { return await readFile(file, 'utf8') } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw new ConfigError(`Cannot read config file ${file}: ${(error as Error).message}`)
  }
}
