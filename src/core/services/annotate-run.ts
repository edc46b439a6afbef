import { InvalidInputError } from '../errors.js'
import type { RunRecord } from '../model/types.js'
import type { App } from './app.js'
import { getRun } from './runs.js'
import type { Scope } from './scope.js'

const TAG_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/

/** key=value pairs; key= removes the tag. */
export function parseTags(pairs: string[]): Record<string, string | null> {
  if (pairs.length === 0) throw new InvalidInputError('Give at least one tag: padre run tag <run> key=value [key2=value2 ...] (key= removes a tag).')
  return Object.fromEntries(pairs.map((pair) => {
    const eq = pair.indexOf('=')
    const key = eq < 0 ? pair : pair.slice(0, eq)
    if (eq < 0) throw new InvalidInputError(`Tag '${pair}' has no value: write ${pair}=<value> (or ${pair}= to remove it).`)
    if (!TAG_KEY.test(key)) throw new InvalidInputError(`Tag key '${key}' is not allowed: use letters, digits, _ . - (up to 64), e.g. paper=yes.`)
    const value = pair.slice(eq + 1)
    return [key, value === '' ? null : value]
  }))
}

export async function tagRun(app: App, ref: string, pairs: string[], scope: Scope = {}): Promise<RunRecord> {
  const changes = parseTags(pairs)
  return annotate(app, ref, scope, (run) => {
    const tags = { ...run.tags }
    for (const [k, v] of Object.entries(changes)) if (v === null) delete tags[k]; else tags[k] = v
    const { tags: _old, ...rest } = run
    return { run: { ...rest, ...(Object.keys(tags).length ? { tags } : {}) }, message: `tag ${Object.entries(changes).map(([k, v]) => (v === null ? `-${k}` : `${k}=${v}`)).join(' ')}` }
  })
}

export async function noteRun(app: App, ref: string, text: string, scope: Scope = {}): Promise<RunRecord> {
  if (!text.trim()) throw new InvalidInputError('The note is empty: padre run note <run> "what you want to remember".')
  return annotate(app, ref, scope, (run) => ({
    run: { ...run, notes: [...(run.notes ?? []), { at: new Date().toISOString(), text }] },
    message: `note ${text.split('\n')[0].slice(0, 60)}`,
  }))
}

export async function deleteRun(app: App, ref: string, scope: Scope = {}): Promise<RunRecord> {
  return annotate(app, ref, scope, (run) => {
    if (run.deletedAt) throw new InvalidInputError(`Run ${run.id} is already deleted; 'padre run restore ${run.id}' brings it back.`)
    return { run: { ...run, deletedAt: new Date().toISOString() }, message: 'deleted (soft: restore with padre run restore)' }
  })
}

export async function restoreRun(app: App, ref: string, scope: Scope = {}): Promise<RunRecord> {
  return annotate(app, ref, scope, (run) => {
    if (!run.deletedAt) throw new InvalidInputError(`Run ${run.id} is not deleted.`)
    const { deletedAt: _d, ...rest } = run
    return { run: rest, message: 'restored' }
  })
}

async function annotate(app: App, ref: string, scope: Scope, change: (run: RunRecord) => { run: RunRecord; message: string }): Promise<RunRecord> {
  const { run } = await getRun(app, ref, scope)
  if (run.status === 'running') throw new InvalidInputError(`Run ${run.id} is still running: annotate it once it has ended.`)
  const next = change(run)
  await app.bus.emit('run:annotated', { root: app.root, run: next.run, message: next.message })
  return next.run
}
