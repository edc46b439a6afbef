import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const REPO = resolve(__dirname, '..', '..')
export const BIN = join(REPO, 'bin', 'run.js')

export interface CliResult {
  status: number
  stdout: string
  stderr: string
}

/** A fresh padre home: temp config file pointing root_dir at a temp folder. */
export interface Sandbox {
  dir: string
  root: string
  config: string
  run(args: string[], options?: { input?: string; env?: Record<string, string>; cwd?: string }): CliResult
  json<T = unknown>(args: string[]): T
}

export function sandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'padre-test-'))
  const root = join(dir, 'root')
  const config = join(dir, 'padre.cfg')
  writeFileSync(config, `[LOCAL BACKEND]\nroot_dir = ${root}\n`)
  const box: Sandbox = {
    dir, root, config,
    run(args, options = {}) {
      const result = spawnSync(process.execPath, [BIN, ...args], {
        cwd: options.cwd ?? dir,
        input: options.input ?? '',
        encoding: 'utf8',
        env: { ...process.env, PADRE_CONFIG: config, HOME: dir, CI: 'true', DEBUG: '', ...options.env },
      })
      return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
    },
    json<T>(args: string[]): T {
      const result = box.run([...args, '--json'])
      if (result.status !== 0) throw new Error(`padre ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`)
      return JSON.parse(result.stdout) as T
    },
  }
  return box
}
