import { Flags } from '@oclif/core'
import { availableParallelism } from 'node:os'
import { PadreCommand } from '../cli/base-command.js'
import { offlineFlag } from '../cli/offline-flag.js'

export default class Worker extends PadreCommand {
  static override description = "Serve computations from a Redis queue (BullMQ) until stopped: runs that 'padre experiment execute --queue' sends, from any machine"
  static override examples = [
    '<%= config.bin %> worker --queue redis://127.0.0.1:6379',
    '<%= config.bin %> worker --queue redis://:password@queue-host:6379/0 --concurrency 4',
    '<%= config.bin %> worker --queue unix:///run/redis/redis.sock',
  ]
  static override flags = {
    queue: Flags.string({ char: 'q', description: 'the Redis server: redis://[user:password@]host:port[/db], rediss://…, or unix:///path/to/redis.sock', required: true }),
    concurrency: Flags.integer({ char: 'c', description: 'computations at a time (default: the number of cores)', min: 1 }),
    offline: offlineFlag,
    'stall-seconds': Flags.integer({ description: 'how long a job of a worker that stopped answering waits before another worker takes it', default: 30, min: 1 }),
  }

  async run(): Promise<{ padre: string; queue: string }> {
    const { flags } = await this.parse(Worker)
    const { configPath, loadConfig } = await import('../core/config/load.js')
    const { assertQueueAllowed } = await import('../core/services/offline.js')
    assertQueueAllowed(await loadConfig(configPath(flags.config)), flags.queue, { offline: flags.offline })
    const { serveQueue } = await import('../runtime/queue/serve.js')
    const worker = await serveQueue(flags.queue, {
      concurrency: flags.concurrency ?? availableParallelism(), stallSeconds: flags['stall-seconds'], log: (line) => process.stderr.write(`${line}\n`),
    })
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    process.stderr.write('Stopping: finishing the jobs in hand...\n')
    await worker.close()
    return { padre: worker.padre, queue: flags.queue }
  }
}
