import { Flags } from '@oclif/core'
import { PadreCommand } from '../cli/base-command.js'

export default class Ui extends PadreCommand {
  static override description = 'Serve a read-only web page to browse, filter and compare runs (127.0.0.1 unless --host)'
  static override examples = [
    '<%= config.bin %> ui',
    '<%= config.bin %> ui --port 8080 --open',
    '<%= config.bin %> ui --host 0.0.0.0   # every interface: anyone on the network can read the records',
  ]
  static override flags = {
    port: Flags.integer({ description: 'port to listen on (0 picks a free one)', default: 4173, min: 0, max: 65535 }),
    host: Flags.string({ description: 'address to listen on', default: '127.0.0.1' }),
    open: Flags.boolean({ description: 'open the page in a browser (xdg-open)' }),
  }

  async run(): Promise<{ url: string } | undefined> {
    const { flags } = await this.parse(Ui)
    const { startUiServer } = await import('../ui/server/server.js')
    const server = await startUiServer(await this.app(flags.config), { port: flags.port, host: flags.host })
    if (this.jsonEnabled()) this.logJson({ url: server.url, host: server.host, port: server.port })
    else this.log(`padre ui: ${server.url} (Ctrl-C stops it)`)
    if (flags.open) {
      const { openBrowser } = await import('../ui/open-browser.js')
      this.note(openBrowser(server.url))
    }
    await stopSignal(this.abortSignal)
    await server.close()
    this.note('padre ui stopped.')
    return undefined
  }
}

/** Ctrl-C or SIGTERM; in the shell, also the line's abort signal. */
function stopSignal(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      signal?.removeEventListener('abort', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    signal?.addEventListener('abort', stop)
  })
}
