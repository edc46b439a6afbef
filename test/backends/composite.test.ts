import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CompositeStorage } from '../../src/backends/composite/composite-storage.js'
import { FileStorage } from '../../src/backends/file/file-storage.js'
import { GitStorage } from '../../src/backends/git/git-storage.js'
import { MemoryStorage } from '../../src/backends/memory/memory-storage.js'
import { BackendError } from '../../src/core/errors.js'
import { git } from '../git/fixtures.js'
import { idOf, storageContract, valueOf } from './contract.js'

function temp(): string {
  return mkdtempSync(join(tmpdir(), 'padre-storage-composite-'))
}

storageContract('composite (memory, file)', {
  open: async () => {
    const root = temp()
    return { storage: new CompositeStorage([new MemoryStorage(), new FileStorage(root)]), close: () => rmSync(root, { recursive: true, force: true }) }
  },
})

storageContract('composite (file, git, memory)', {
  open: async () => {
    const roots = [temp(), temp()]
    return {
      storage: new CompositeStorage([new FileStorage(roots[0]), new GitStorage(roots[1]), new MemoryStorage()]),
      close: () => roots.forEach((r) => rmSync(r, { recursive: true, force: true })),
    }
  },
})

describe('composite fan-out', () => {
  let roots: string[]
  beforeEach(() => { roots = [temp(), temp()] })
  afterEach(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })))

  it('writes every record to every member and reads from the first', async () => {
    const memory = new MemoryStorage()
    const file = new FileStorage(roots[0])
    const gitMember = new GitStorage(roots[1])
    const composite = new CompositeStorage([memory, file, gitMember])
    expect(composite.uri).toBe(`memory://,file://${roots[0]},git://${roots[1]}`)
    for (const kind of ['project', 'experiment', 'execution', 'run', 'dataset'] as const) await composite.put(idOf(kind) as never, valueOf(idOf(kind)))
    for (const member of [memory, file, gitMember]) {
      expect(await member.list('run', { project: 'proj-a', experiment: 'exp-a', execution: 'spec-0123456789ab' })).toEqual(['20261201T020000000Z-abcd'])
      expect(await member.get(idOf('dataset') as never)).toEqual(valueOf(idOf('dataset')))
    }
    expect(Number(git(join(roots[1], 'projects', 'proj-a', 'experiments', 'exp-a'), 'rev-list', '--count', 'HEAD').trim())).toBe(3)
    // reads: only the first member (a record only the second has is not seen)
    await file.put(idOf('run', { run: 'only-in-file' }) as never, valueOf(idOf('run')))
    expect(await composite.get(idOf('run', { run: 'only-in-file' }) as never)).toBeUndefined()
    expect(await composite.list('run', { project: 'proj-a', experiment: 'exp-a', execution: 'spec-0123456789ab' })).toEqual(['20261201T020000000Z-abcd'])
  })

  it('a member that fails fails the write loudly, naming the member; the first member does not get the record', async () => {
    const blocker = join(roots[1], 'a-file')
    writeFileSync(blocker, 'not a folder\n')
    const first = new FileStorage(roots[0])
    const broken = new FileStorage(join(blocker, 'root'))
    const composite = new CompositeStorage([first, broken])
    const id = idOf('run')
    const failure = await composite.put(id as never, valueOf(id)).then(() => undefined, (e: unknown) => e)
    expect(failure).toBeInstanceOf(BackendError)
    expect((failure as Error).message).toMatch(new RegExp(`^backend 2 \\(file://${blocker}/root\\) failed to store run proj-a/exp-a/spec-0123456789ab/20261201T020000000Z-abcd: .*ENOTDIR`))
    expect((failure as Error).message).not.toContain('\n')
    expect(readdirSync(roots[1])).toEqual(['a-file'])
    // the first member, which reads come from, is written last: it holds nothing the second lacks
    expect(await first.get(id as never)).toBeUndefined()
    expect(readdirSync(roots[0])).toEqual([])
    expect(await composite.get(id as never)).toBeUndefined()
  })

  it('an exclusive put is decided by the first member', async () => {
    const memory = new MemoryStorage()
    const file = new FileStorage(roots[0])
    await memory.put(idOf('project') as never, valueOf(idOf('project'), 1))
    const composite = new CompositeStorage([memory, file])
    expect(await composite.put(idOf('project') as never, valueOf(idOf('project'), 2), { exclusive: true })).toBe(false)
    expect(await composite.get(idOf('project') as never)).toEqual(valueOf(idOf('project'), 1))
  })

  it('refuses an empty member list', () => {
    expect(() => new CompositeStorage([])).toThrow(/at least one member/)
  })
})
