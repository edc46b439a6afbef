import type { ConnectionOptions, Queue, QueueEvents } from 'bullmq'
import type { Redis } from 'ioredis'

/**
 * The queue's events from this moment on, none missed. A QueueEvents left to itself starts reading at '$'
 * (whatever comes after its first read), and that read happens some time after waitUntilReady resolves:
 * a job that finished in between was never heard of, after waitUntilFinished had found it not finished,
 * so the wait hung (seen under CI load with a worker that refuses a job at once). Reading on from the
 * stream's last id, taken before any job is added, closes that gap. `autorun` false (for the test): the
 * reading starts at events.run().
 */
export async function eventsFromNow(QueueEventsClass: typeof QueueEvents, queue: Queue, redis: Redis, connection: ConnectionOptions, autorun = true): Promise<QueueEvents> {
  const last = await redis.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1)
  const events = new QueueEventsClass(queue.name, { connection, lastEventId: last[0]?.[0] ?? '0-0', autorun })
  if (autorun) await events.waitUntilReady()
  return events
}
