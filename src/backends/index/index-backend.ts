import type { EventBus } from '../../core/events.js'
import type { RunIndex } from './run-index.js'

const parentsOf = async (gitdir: string, oid: string) => (await (await import('../git/objects.js')).readCommit(gitdir, oid)).parents

/** Keeps the run index current on every recorded run. Subscribe it after the git backend: it reads the new HEAD. */
export function subscribeIndex(bus: EventBus, index: RunIndex): void {
  bus.on('run:ended', ({ run, metrics }) => index.record(run, metrics, parentsOf), 'the run index')
  bus.on('run:annotated', ({ run }) => index.record(run, undefined, parentsOf), 'the run index')
  bus.on('run:reevaluated', ({ run, metrics }) => index.record(run, metrics, parentsOf), 'the run index')
}
