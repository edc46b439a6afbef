import { parse as parseIni } from 'ini'
import { CONFIG_KEYS, NAMED_SECTIONS, namedSection } from './keys.js'

export type ConfigValues = Record<string, Record<string, string>>

export interface ParsedConfig {
  values: ConfigValues
  errors: string[]
}

const SECTION = /^\[([^\]]+)\]$/
const ASSIGNMENT = /^[^=\s][^=]*=.*$/

/** Pure: checks every line (ini itself accepts anything), then lets ini parse the text. */
export function parseConfig(text: string, file: string): ParsedConfig {
  const errors: string[] = []
  let section: string | undefined
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    const where = `${file}:${i + 1}`
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return
    const header = SECTION.exec(line)
    if (header) {
      section = header[1].trim()
      if (!CONFIG_KEYS.some((k) => k.section === section) && !namedSection(section)) errors.push(`${where}: unknown section [${section}] (known: ${knownSections()})`)
      return
    }
    if (!ASSIGNMENT.test(line)) {
      errors.push(`${where}: cannot read '${line}': expected '[SECTION]' or 'key = value'`)
      return
    }
    const key = line.slice(0, line.indexOf('=')).trim()
    if (section === undefined) errors.push(`${where}: key '${key}' is outside any section`)
    else if (namedSection(section)) {
      const named = namedSection(section)!
      if (!named.keys.includes(key)) errors.push(`${where}: unknown key '${key}' in [${section}] (known: ${named.keys.join(', ')})`)
    } else if (!CONFIG_KEYS.some((k) => k.section === section && k.key === key)) errors.push(`${where}: unknown key '${key}' in [${section}] (known: ${knownKeys(section)})`)
  })
  const values: ConfigValues = {}
  for (const [name, body] of Object.entries(parseIni(text))) {
    // ini nests dotted sections ([a.b], [.]) as objects, some without a prototype: keep plain values only.
    if (body && typeof body === 'object') values[name] = Object.fromEntries(Object.entries(body).filter(([, v]) => v === null || typeof v !== 'object').map(([k, v]) => [k, String(v)]))
  }
  return { values, errors }
}

const knownSections = () => [...new Set(CONFIG_KEYS.map((k) => `[${k.section}]`)), ...NAMED_SECTIONS.map((n) => `[${n.prefix} <name>]`)].join(', ')
const knownKeys = (section: string) => CONFIG_KEYS.filter((k) => k.section === section).map((k) => k.key).join(', ') || 'none'
