import { memberFailure } from '../backends/composite/composite-storage.js'
import { EVENT_NAMES, EventBus, type EventName, type PadreEvents } from '../core/events.js'

/**
 * Read-only commands never need the git backend, so its modules load at the first event: a private bus
 * with the real backend on it receives every event of the app's bus, in the same place in the order.
 * In a composite, a git member other than the first gets the events with its own root, and its
 * failures name it ("backend 2 (git:///x) failed to commit run:ended …").
 */
export function subscribeGitLazily(bus: EventBus, author: { name: string; email: string; autoPackLoose?: number }, root: string, member?: { index: number; uri: string }): void {
  let inner: Promise<EventBus> | undefined
  const load = () => (inner ??= import('../backends/git/git-backend.js').then(({ GitBackend }) => {
    const gitBus = new EventBus()
    new GitBackend({ author, autoPackLoose: author.autoPackLoose }).subscribe(gitBus)
    return gitBus
  }))
  for (const type of EVENT_NAMES) {
    bus.on(type, async (payload: PadreEvents[EventName]) => {
      const gitBus = await load()
      if (!member) return gitBus.emit(type, payload as never)
      try {
        await gitBus.emit(type, { ...payload, root } as never)
      } catch (error) {
        throw memberFailure(member.index, member, `commit ${type}`, error)
      }
    }, 'the git backend')
  }
}
