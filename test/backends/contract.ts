import { InvalidInputError } from '../../src/core/errors.js'
import { ID_FIELDS, type ListKind, type RecordId, type RecordKind, type Storage } from '../../src/core/storage.js'

/**
 * The one contract every Storage implementation passes: memory, file, git and composite each run it
 * (test/backends/<name>.test.ts). `open` makes a fresh, empty storage; `after` checks the state an
 * implementation keeps outside the interface (git: fsck, commits) after the suite's writes.
 */
export interface ContractTarget {
  open(): Promise<{ storage: Storage; close?: () => void | Promise<void> }>
}

const P = 'proj-a'
const E = 'exp-a'
const X = 'spec-0123456789ab'
const R = '20261201T020000000Z-abcd'
const C = 's0-p0'
const V = 'reeval-1'
const D = 'iris-copy'
const M = 'iris-model'
const N = '1'

/** One id of each kind, all under the same parents. */
export function idOf(kind: RecordKind, over: Partial<Record<string, string>> = {}): RecordId {
  const all: Record<string, string> = { project: P, experiment: E, execution: X, run: R, computation: C, reevaluation: V, dataset: D, model: M, version: N, ...over }
  return Object.fromEntries([['kind', kind], ...ID_FIELDS[kind].map((f) => [f, all[f]])]) as unknown as RecordId
}

/** A record whose content says which id it was stored under, with nested values and numbers that must survive. */
export function valueOf(id: RecordId, version = 1): never {
  return { schemaVersion: 1, stored: { ...id }, version, values: [0.1, -2.5e-7, 1e300, 'text'], nested: { a: [1, 2, { b: null }] } } as never
}

const KINDS = Object.keys(ID_FIELDS) as RecordKind[]

export function storageContract(name: string, target: ContractTarget): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage
    let close: (() => void | Promise<void>) | undefined
    beforeEach(async () => {
      ({ storage, close } = await target.open())
    })
    afterEach(async () => {
      await close?.()
    })

    /** Parents before children, as the services write them (the git implementation needs its repositories). */
    async function putAll(version = 1): Promise<void> {
      for (const kind of KINDS) expect(await storage.put(idOf(kind) as never, valueOf(idOf(kind), version))).toBe(true)
    }

    it('has a uri naming it', () => {
      expect(storage.uri).toMatch(/^(memory|file|git):\/\//)
    })

    it('gets back every kind of record as it was put', async () => {
      await putAll()
      for (const kind of KINDS) expect(await storage.get(idOf(kind) as never)).toEqual(valueOf(idOf(kind)))
    })

    it('a missing record is undefined, for every kind, under missing and under existing parents', async () => {
      for (const kind of KINDS) expect(await storage.get(idOf(kind) as never)).toBeUndefined()
      await storage.put(idOf('project') as never, valueOf(idOf('project')))
      await storage.put(idOf('experiment') as never, valueOf(idOf('experiment')))
      expect(await storage.get(idOf('run') as never)).toBeUndefined()
      expect(await storage.get(idOf('experiment', { experiment: 'other' }) as never)).toBeUndefined()
      expect(await storage.get(idOf('project', { project: 'other' }) as never)).toBeUndefined()
    })

    it('lists the children of each parent, sorted, and parents list what lies below them', async () => {
      const empty: Array<[ListKind, Record<string, string>]> = [['project', {}], ['dataset', {}], ['experiment', { project: P }],
        ['execution', { project: P, experiment: E }], ['run', { project: P, experiment: E, execution: X }],
        ['computation', { project: P, experiment: E, execution: X, run: R }], ['reevaluation', { project: P, experiment: E, execution: X, run: R }]]
      for (const [kind, parent] of empty) expect(await storage.list(kind, parent as never)).toEqual([])
      await putAll()
      for (const run of ['r-2', 'r-10', 'r-1']) {
        await storage.put(idOf('run', { run }) as never, valueOf(idOf('run', { run })))
        await storage.put(idOf('computation', { run, computation: 'b' }) as never, valueOf(idOf('computation')))
        await storage.put(idOf('computation', { run, computation: 'a' }) as never, valueOf(idOf('computation')))
      }
      await storage.put(idOf('dataset', { dataset: 'a-set' }) as never, valueOf(idOf('dataset')))
      expect(await storage.list('project', {})).toEqual([P])
      expect(await storage.list('dataset', {})).toEqual(['a-set', D])
      expect(await storage.list('experiment', { project: P })).toEqual([E])
      expect(await storage.list('execution', { project: P, experiment: E })).toEqual([X])
      expect(await storage.list('run', { project: P, experiment: E, execution: X })).toEqual([R, 'r-1', 'r-10', 'r-2'].sort())
      expect(await storage.list('computation', { project: P, experiment: E, execution: X, run: 'r-10' })).toEqual(['a', 'b'])
      expect(await storage.list('computation', { project: P, experiment: E, execution: X, run: R })).toEqual([C])
      expect(await storage.list('reevaluation', { project: P, experiment: E, execution: X, run: R })).toEqual([V])
      expect(await storage.list('reevaluation', { project: P, experiment: E, execution: X, run: 'r-1' })).toEqual([])
      expect(await storage.list('model', { project: P })).toEqual([M])
      await storage.put(idOf('modelVersion', { version: '2' }) as never, valueOf(idOf('modelVersion', { version: '2' })))
      expect(await storage.list('modelVersion', { project: P, model: M })).toEqual([N, '2'])
      expect(await storage.list('modelVersion', { project: P, model: 'other' })).toEqual([])
      expect(await storage.list('model', { project: 'proj-b' })).toEqual([])
    })

    it('keeps the children of one parent apart from those of another', async () => {
      await putAll()
      await storage.put(idOf('project', { project: 'proj-b' }) as never, valueOf(idOf('project', { project: 'proj-b' })))
      expect(await storage.list('project', {})).toEqual([P, 'proj-b'])
      expect(await storage.list('experiment', { project: 'proj-b' })).toEqual([])
      expect(await storage.list('run', { project: P, experiment: E, execution: 'spec-other' })).toEqual([])
      expect(await storage.list('computation', { project: 'proj-b', experiment: E, execution: X, run: R })).toEqual([])
    })

    it('put replaces a record; exclusive put keeps the first one and says so', async () => {
      await putAll()
      for (const kind of KINDS) {
        expect(await storage.put(idOf(kind) as never, valueOf(idOf(kind), 2))).toBe(true)
        expect(await storage.get(idOf(kind) as never)).toEqual(valueOf(idOf(kind), 2))
      }
      const run = idOf('run')
      expect(await storage.put(run as never, valueOf(run, 3), { exclusive: true })).toBe(false)
      expect(await storage.get(run as never)).toEqual(valueOf(run, 2))
      const fresh = idOf('run', { run: 'r-new' })
      expect(await storage.put(fresh as never, valueOf(fresh, 7), { exclusive: true })).toBe(true)
      expect(await storage.get(fresh as never)).toEqual(valueOf(fresh, 7))
    })

    it('stores a copy: changing the object after put or after get changes nothing stored', async () => {
      await putAll()
      const id = idOf('run', { run: 'r-copy' })
      const value = valueOf(id) as unknown as { version: number; nested: { a: unknown[] } }
      await storage.put(id as never, value as never)
      value.version = 99
      value.nested.a.push('changed')
      const read = (await storage.get(id as never)) as unknown as { version: number }
      expect(read).toEqual(valueOf(id))
      read.version = 42
      expect(await storage.get(id as never)).toEqual(valueOf(id))
    })

    it('checks every name in an id: put, get and list refuse a bad one and store nothing', async () => {
      await putAll()
      const bad = ['', '..', '.hidden', 'a/b', 'a\\b', 'x\u0000y', 'tab\there']
      for (const name of bad) {
        for (const kind of ['project', 'run', 'results', 'dataset'] as RecordKind[]) {
          const field = ID_FIELDS[kind].at(-1)!
          const id = idOf(kind, { [field]: name })
          await expect(storage.put(id as never, valueOf(id))).rejects.toBeInstanceOf(InvalidInputError)
          await expect(storage.get(id as never)).rejects.toBeInstanceOf(InvalidInputError)
        }
        await expect(storage.list('run', { project: P, experiment: name, execution: X })).rejects.toBeInstanceOf(InvalidInputError)
      }
      const missing = { kind: 'run', project: P, experiment: E, execution: X } as never
      await expect(storage.put(missing, valueOf(idOf('run')))).rejects.toThrow(/Invalid run in run id/)
      expect(await storage.list('project', {})).toEqual([P])
      expect(await storage.list('dataset', {})).toEqual([D])
      expect(await storage.list('run', { project: P, experiment: E, execution: X })).toEqual([R])
      expect(await storage.list('computation', { project: P, experiment: E, execution: X, run: R })).toEqual([C])
    })

    it('exclusively (where offered) runs one writer of a record at a time, in a fresh store too', async () => {
      if (!storage.exclusively) return
      const id = idOf('dataset')
      const events: string[] = []
      const writer = (name: string) => storage.exclusively!(id, async () => {
        events.push(`${name} in`)
        await new Promise((r) => setImmediate(r))
        await storage.put(id as never, valueOf(id))
        events.push(`${name} out`)
        return name
      })
      expect(await Promise.all([writer('a'), writer('b')])).toEqual(['a', 'b'])
      expect(events.join(' ')).toMatch(/^(a in a out b in b out|b in b out a in a out)$/)
      expect(await storage.list('dataset', {})).toEqual(['iris-copy'])
    })

    it('lists no soft-deleted records in a fresh store', async () => {
      await putAll()
      expect(await storage.list('project', {}, { deleted: true })).toEqual([])
      expect(await storage.list('dataset', {}, { deleted: true })).toEqual([])
      expect(await storage.list('experiment', { project: P }, { deleted: true })).toEqual([])
    })
  })
}
