import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { setConfigLine } from '../../src/core/config/edit.js'
import { configPath, loadConfig, resolveKey, setConfigValue } from '../../src/core/config/load.js'
import { parseConfig } from '../../src/core/config/parse.js'
import { CONFIG_KEYS } from '../../src/core/config/keys.js'

const dir = mkdtempSync(join(tmpdir(), 'padre-config-'))

describe('config', () => {
  it('a missing file means defaults, and loading never writes it', async () => {
    const file = join(dir, 'missing.cfg')
    const config = await loadConfig(file)
    expect(config).toMatchObject({ exists: false, rootDir: join(homedir(), '.padre'), offline: false, git: { name: 'padre', email: 'padre@localhost' } })
    expect(existsSync(file)).toBe(false)
  })

  it('--config beats PADRE_CONFIG beats ~/.padre.cfg', () => {
    expect(configPath('/a.cfg', { PADRE_CONFIG: '/b.cfg' })).toBe('/a.cfg')
    expect(configPath(undefined, { PADRE_CONFIG: '/b.cfg' })).toBe('/b.cfg')
    expect(configPath(undefined, {})).toBe(join(homedir(), '.padre.cfg'))
    expect(configPath(undefined, { PADRE_CONFIG: '' })).toBe(join(homedir(), '.padre.cfg'))
  })

  it('reads sections with spaces and expands ~', async () => {
    const file = join(dir, 'ok.cfg')
    writeFileSync(file, '; comment\n[LOCAL BACKEND]\nroot_dir = ~/somewhere\n\n[GENERAL]\noffline = true\n')
    expect(await loadConfig(file)).toMatchObject({ exists: true, rootDir: join(homedir(), 'somewhere'), offline: true })
  })

  it('names the line of a malformed file and the unknown key or section', () => {
    expect(parseConfig('[GENERAL]\noffline\n', 'f').errors).toEqual(["f:2: cannot read 'offline': expected '[SECTION]' or 'key = value'"])
    expect(parseConfig('[GENERAL]\nofline = true\n', 'f').errors[0]).toMatch(/^f:2: unknown key 'ofline' in \[GENERAL\] \(known: offline, auto_create, allow_artifact_pull_offline\)/)
    expect(parseConfig('[NOPE]\n', 'f').errors[0]).toMatch(/^f:1: unknown section \[NOPE\]/)
    expect(parseConfig('root_dir = x\n', 'f').errors[0]).toMatch(/outside any section/)
  })

  it('set keeps comments and order, replaces in place or appends to the section', () => {
    const text = '# top\n[LOCAL BACKEND]\nroot_dir = /a\n\n[GIT]\n# who\nname = x\n'
    expect(setConfigLine(text, 'LOCAL BACKEND', 'root_dir', '/b')).toBe('# top\n[LOCAL BACKEND]\nroot_dir = /b\n\n[GIT]\n# who\nname = x\n')
    expect(setConfigLine(text, 'GIT', 'email', 'e@x')).toBe('# top\n[LOCAL BACKEND]\nroot_dir = /a\n\n[GIT]\n# who\nname = x\nemail = e@x\n')
    expect(setConfigLine(text, 'GENERAL', 'offline', 'true')).toBe(`${text}\n[GENERAL]\noffline = true\n`)
    expect(setConfigLine('', 'GENERAL', 'offline', 'true')).toBe('[GENERAL]\noffline = true\n')
  })

  it('set writes a file that loads back, and refuses bad values without touching the file', async () => {
    const file = join(dir, 'set.cfg')
    await setConfigValue(file, resolveKey('root_dir'), '/data/padre')
    expect((await loadConfig(file)).rootDir).toBe('/data/padre')
    const before = readFileSync(file, 'utf8')
    await expect(setConfigValue(file, resolveKey('offline'), 'yes')).rejects.toThrow(/true or false/)
    await expect(setConfigValue(file, resolveKey('name', 'GIT'), 'a\nb')).rejects.toThrow(/one line/)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('every key is documented in .padre.cfg.example with its default', async () => {
    const example = join(__dirname, '..', '..', '.padre.cfg.example')
    const parsed = parseConfig(readFileSync(example, 'utf8'), example)
    expect(parsed.errors).toEqual([])
    for (const key of CONFIG_KEYS) expect(parsed.values[key.section]?.[key.key]).toBe(key.default)
  })
})
