import { execFileSync, spawnSync } from 'node:child_process'
import { BIN, REPO, type Sandbox } from '../helpers/cli.js'

const DEADLINE_MS = 30_000

/** The real shell in a tmux pane (a pseudo-terminal), driven with send-keys and read with capture-pane. */
export class Pane {
  private readonly socket: string

  constructor(readonly box: Sandbox, name: string) {
    this.socket = `padre-test-${process.pid}-${name}`
    const env = { PADRE_CONFIG: box.config, HOME: box.dir, CI: '', DEBUG: '', TERM: 'xterm-256color', PATH: process.env.PATH ?? '' }
    const command = `env -i ${Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ')} ${shellQuote(process.execPath)} ${shellQuote(BIN)}`
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', '-s', 'main', '-c', REPO, command)
    this.tmux('set-option', '-t', 'main', 'remain-on-exit', 'on')
  }

  /** Types text literally (no Enter). */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', '--', text)
  }

  /** Presses keys by tmux name: Enter, Tab, C-c, C-d, Up. */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys)
  }

  /** Pastes text at once, as a terminal paste does (newlines become Enter). */
  paste(text: string): void {
    this.tmux('set-buffer', '-b', 'paste', '--', text)
    this.tmux('paste-buffer', '-d', '-b', 'paste', '-t', 'main')
  }

  line(text: string): void {
    this.type(text)
    this.press('Enter')
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-2000', '-t', 'main')
  }

  /** The last non-empty line of the screen: the prompt and what is typed on it. */
  lastLine(): string {
    return (this.screen().split('\n').filter((l) => l.trim() !== '').at(-1) ?? '').trimEnd()
  }

  /** Polls the screen until `test` holds; throws with the screen after a generous deadline. */
  async waitFor(test: RegExp | ((screen: string) => boolean), what = String(test)): Promise<string> {
    const check = typeof test === 'function' ? test : (s: string) => test.test(s)
    const end = Date.now() + DEADLINE_MS
    for (;;) {
      const screen = this.screen()
      if (check(screen)) return screen
      if (Date.now() > end) throw new Error(`Timed out waiting for ${what}. Screen:\n${screen}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  /** Waits until the screen text after `mark` matches. */
  async waitAfter(mark: number, test: RegExp, what = String(test)): Promise<string> {
    const screen = await this.waitFor((s) => test.test(s.slice(mark)), what)
    return screen.slice(mark)
  }

  /** Where the last line (the prompt) starts: what follows is new. Use with waitAfter. */
  mark(): number {
    const screen = this.screen().trimEnd()
    return screen.lastIndexOf('\n') + 1
  }

  dead(): boolean {
    return this.tmux('list-panes', '-t', 'main', '-F', '#{pane_dead}').trim() === '1'
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'])
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' })
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}
