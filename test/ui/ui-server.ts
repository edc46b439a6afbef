import { spawn, type ChildProcess } from 'node:child_process'
import { BIN, type Sandbox } from '../helpers/cli.js'

export interface RunningUi {
  url: string
  child: ChildProcess
  stderr(): string
  /** Ctrl-C: resolves with the exit code once the process ended. */
  stop(): Promise<number | null>
}

/** `padre ui --port 0` of the built CLI in a child process, resolved when it prints its URL. */
export function startUi(box: Sandbox, extra: string[] = [], env: Record<string, string> = {}): Promise<RunningUi> {
  const child = spawn(process.execPath, [BIN, 'ui', '--port', '0', ...extra], {
    cwd: box.dir, env: { ...process.env, PADRE_CONFIG: box.config, HOME: box.dir, CI: 'true', DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d) => { err += d })
    child.stdout!.on('data', (d) => {
      out += d
      const url = /(http:\/\/\S+\/)/.exec(out)?.[1]
      if (url) resolve({ url, child, stderr: () => err, stop: () => { child.kill('SIGINT'); return exited } })
    })
    void exited.then((code) => reject(new Error(`padre ui exited (${code}) before printing its URL: ${err}${out}`)))
  })
}
