import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeJsonAtomic } from '../../src/backends/file/atomic.js'
import { EventLog } from '../../src/backends/file/event-log.js'
import { FileBackend } from '../../src/backends/file/file-backend.js'
import { EventBus } from '../../src/core/events.js'
import { BackendError } from '../../src/core/errors.js'
import type { ProjectRecord } from '../../src/core/model/types.js'

const project = (name: string): ProjectRecord => ({ schemaVersion: 1, id: name, name, createdAt: new Date().toISOString() })

describe('event bus', () => {
  it('awaits handlers one after another, in the order they subscribed', async () => {
    const bus = new EventBus()
    const seen: string[] = []
    bus.on('project:created', async () => { await new Promise((r) => setTimeout(r, 20)); seen.push('slow first') })
    bus.on('project:created', () => { seen.push('second') })
    await bus.emit('project:created', { root: '/x', project: project('a') })
    expect(seen).toEqual(['slow first', 'second'])
  })

  it('a failing handler fails the emit, names the backend, and stops later handlers', async () => {
    const bus = new EventBus()
    const later = jest.fn()
    bus.on('project:created', () => { throw new Error('disk full') }, 'the file backend')
    bus.on('project:created', later, 'the git backend')
    await expect(bus.emit('project:created', { root: '/x', project: project('a') })).rejects.toThrow(new BackendError('the file backend failed on project:created: disk full'))
    expect(later).not.toHaveBeenCalled()
  })

  it('the file backend fails loudly when it cannot write, and the log records the error', async () => {
    const root = mkdtempSync(join(tmpdir(), 'padre-bus-'))
    writeFileSync(join(root, 'projects'), 'a file where a folder should be')
    const bus = new EventBus()
    new FileBackend().subscribe(bus)
    new EventLog(root).subscribe(bus)
    await expect(bus.emit('project:created', { root, project: project('p') })).rejects.toThrow(/the file backend failed on project:created/)
    expect(readFileSync(join(root, 'padre.log'), 'utf8')).toMatch(/ ERROR project:created p failed: /)
  })

  it('an atomic write that cannot rename fails and leaves no temp file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'padre-atomic-'))
    const target = join(dir, 'run.json')
    mkdirSync(join(target, 'occupied'), { recursive: true })
    await expect(writeJsonAtomic(target, { a: 1 })).rejects.toThrow()
    expect(readdirSync(dir)).toEqual(['run.json'])
    await writeJsonAtomic(join(dir, 'ok.json'), { a: 1 })
    expect(JSON.parse(readFileSync(join(dir, 'ok.json'), 'utf8'))).toEqual({ a: 1 })
  })
})
