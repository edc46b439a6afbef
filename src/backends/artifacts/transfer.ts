import type { ArtifactRef } from '../../core/artifacts/types.js'
import { PadreError } from '../../core/errors.js'
import { type LocalArtifactStore, sha256 } from './local-store.js'
import { remoteKey, type ArtifactRemote } from './remote.js'

export type { Progress, TransferProblem, TransferReport } from '../../core/artifacts/types.js'
import type { Progress, TransferProblem, TransferReport } from '../../core/artifacts/types.js'

const PARALLEL = 8

/** Copies every ref the remote lacks; an object already on the remote is never written again. */
export async function pushRefs(store: LocalArtifactStore, remote: ArtifactRemote, refs: ArtifactRef[], progress?: Progress): Promise<TransferReport> {
  const items = unique(refs)
  const report: TransferReport = { remote: remote.url, transferred: 0, bytes: 0, present: 0, problems: [] }
  const existing = await remote.keys()
  const todo = items.filter(({ key }) => {
    if (!existing.has(key)) return true
    report.present++
    return false
  })
  await pool(todo, progress, async ({ ref, key }) => {
    if (!store.has(ref.sha256)) {
      report.problems.push({ ref, key, problem: 'missing', detail: `not in the local store ${store.dir} nor on ${remote.url}` })
      return
    }
    let content: Buffer
    try { content = await store.get(ref.sha256) } catch (error) {
      if (!(error instanceof PadreError)) throw error
      report.problems.push({ ref, key, problem: 'corrupted', detail: error.message })
      return
    }
    if (await remote.put(key, content)) {
      report.transferred++
      report.bytes += content.byteLength
    } else report.present++
  })
  return report
}

/** Fetches every ref whose content the local store lacks, checking each object's hash before it is stored. */
export async function pullRefs(store: LocalArtifactStore, remote: ArtifactRemote, refs: ArtifactRef[], progress?: Progress): Promise<TransferReport> {
  const report: TransferReport = { remote: remote.url, transferred: 0, bytes: 0, present: 0, problems: [] }
  const byHash = new Map<string, Array<{ ref: ArtifactRef; key: string }>>()
  for (const item of unique(refs)) {
    if (store.has(item.ref.sha256)) { report.present++; continue }
    const places = byHash.get(item.ref.sha256) ?? []
    places.push(item)
    byHash.set(item.ref.sha256, places)
  }
  // The same content under several outputs or producers: one good copy is enough.
  await pool([...byHash.values()], progress, async (places) => {
    const found: TransferProblem[] = []
    for (const { ref, key } of places) {
      const content = await remote.get(key)
      if (content === undefined) {
        found.push({ ref, key, problem: 'missing', detail: `not on ${remote.url} (push it from a machine that has it)` })
        continue
      }
      const actual = sha256(content)
      if (actual !== ref.sha256) {
        found.push({ ref, key, problem: 'corrupted', detail: `${remote.url}/${key} is corrupted (its content hashes to ${actual.slice(0, 12)}): not used; delete it there and push a good copy` })
        continue
      }
      await store.put(content)
      report.transferred++
      report.bytes += content.byteLength
      report.present += places.length - 1
      return
    }
    report.problems.push(...found)
  })
  return report
}

function unique(refs: ArtifactRef[]): Array<{ ref: ArtifactRef; key: string }> {
  const seen = new Map<string, { ref: ArtifactRef; key: string }>()
  for (const ref of refs) {
    const key = remoteKey(ref)
    if (!seen.has(key)) seen.set(key, { ref, key })
  }
  return [...seen.values()].sort((a, b) => a.key.localeCompare(b.key))
}

async function pool<T>(items: T[], progress: Progress | undefined, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let done = 0
  let failed = false
  const worker = async () => {
    while (next < items.length && !failed) {
      const item = items[next++]
      try { await work(item) } catch (error) { failed = true; throw error }
      progress?.(++done, items.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker))
}
