import { BackendError, PadreError } from '../../core/errors.js'
import { describeId, type ListKind, type ListOptions, type ListParent, type PutOptions, type RecordId, type RecordKind, type RecordTypes, type Storage } from '../../core/storage.js'

/**
 * Fan-out: every write goes to every member, in order; reads come from the first member. A member
 * that fails stops the write and fails it loudly, naming the member ("backend 2 (file:///x) failed
 * to store run …: reason"); members before it keep what they stored (nothing is rolled back).
 */
export class CompositeStorage implements Storage {
  readonly uri: string

  constructor(readonly members: readonly Storage[]) {
    if (members.length === 0) throw new BackendError('A composite backend needs at least one member.')
    this.uri = members.map((m) => m.uri).join(',')
  }

  get<K extends RecordKind>(id: RecordId<K>): Promise<RecordTypes[K] | undefined> {
    return this.members[0].get(id)
  }

  list<K extends ListKind>(kind: K, parent: ListParent<K>, options?: ListOptions): Promise<string[]> {
    return this.members[0].list(kind, parent, options)
  }

  /** Exclusive: the first member decides whether the record is new; the others then store the same record. */
  async put<K extends RecordKind>(id: RecordId<K>, value: RecordTypes[K], options: PutOptions = {}): Promise<boolean> {
    let stored = true
    for (const [i, member] of this.members.entries()) {
      try {
        const done = await member.put(id, value, options)
        if (i === 0) stored = done
      } catch (error) {
        // A bad id is the caller's mistake, the same for every member: report it as it is.
        if (error instanceof PadreError && error.code === 'INVALID_INPUT') throw error
        throw memberFailure(i, member, `store ${describeId(id)}`, error)
      }
    }
    return stored
  }

  exclusively<T>(id: RecordId, fn: () => Promise<T>): Promise<T> {
    const first = this.members[0]
    return first.exclusively ? first.exclusively(id, fn) : fn()
  }
}

export function memberFailure(index: number, member: { uri: string }, what: string, error: unknown): BackendError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
  const failure = new BackendError(`backend ${index + 1} (${member.uri}) failed to ${what}: ${reason}`)
  if (error instanceof Error) failure.stack = `${failure.stack}\nCaused by: ${error.stack}`
  return failure
}
