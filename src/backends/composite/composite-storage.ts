import { BackendError, PadreError } from '../../core/errors.js'
import { describeId, type ListKind, type ListOptions, type ListParent, type PutOptions, type RecordId, type RecordKind, type RecordTypes, type Storage } from '../../core/storage.js'

/**
 * Fan-out: every write goes to every member; reads come from the first member. A member that fails
 * stops the write and fails it loudly, naming the member ("backend 2 (file:///x) failed to store
 * run …: reason"); members written before it keep what they stored (nothing is rolled back), but
 * the first member is written last, so it never holds a record that a later member failed to store.
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

  /**
   * The first member, which every read comes from, is written last: a write that fails in any member
   * leaves it without the record, so the command's own view (and the git commits that follow the
   * write) never holds what a mirror is missing. Exclusive: the first member decides whether the
   * record is new; the others then store the same record.
   */
  async put<K extends RecordKind>(id: RecordId<K>, value: RecordTypes[K], options: PutOptions = {}): Promise<boolean> {
    const [first, ...others] = this.members
    if (options.exclusive && (await first.get(id)) !== undefined) return false
    for (const [i, member] of others.entries()) await this.putIn(i + 1, member, id, value, options)
    return this.putIn(0, first, id, value, options)
  }

  private async putIn<K extends RecordKind>(index: number, member: Storage, id: RecordId<K>, value: RecordTypes[K], options: PutOptions): Promise<boolean> {
    try {
      return await member.put(id, value, options)
    } catch (error) {
      // A bad id is the caller's mistake, the same for every member: report it as it is.
      if (error instanceof PadreError && error.code === 'INVALID_INPUT') throw error
      throw memberFailure(index, member, `store ${describeId(id)}`, error)
    }
  }

  /** Every member's lock, always in member order (so two writers never hold them crosswise). */
  exclusively<T>(id: RecordId, fn: () => Promise<T>): Promise<T> {
    const locked = this.members.reduceRight<() => Promise<T>>((inner, m) => (m.exclusively ? () => m.exclusively!(id, inner) : inner), fn)
    return locked()
  }

}

export function memberFailure(index: number, member: { uri: string }, what: string, error: unknown): BackendError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
  const failure = new BackendError(`backend ${index + 1} (${member.uri}) failed to ${what}: ${reason}`)
  if (error instanceof Error) failure.stack = `${failure.stack}\nCaused by: ${error.stack}`
  return failure
}
