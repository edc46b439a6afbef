import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LocalArtifactStore } from '../../src/backends/artifacts/local-store.js'
import type { ArtifactRef } from '../../src/core/artifacts/types.js'
import type { ComputationRecord } from '../../src/core/model/types.js'

/** The artifacts the recorded computations under root reference (each computation's model.json, and whatever else it kept). */
export function recordedArtifacts(root: string): ArtifactRef[] {
  return computationFiles(root).flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as ComputationRecord).artifacts ?? [])
}

/**
 * Many small extra artifacts, so that a kill lands in the middle of a transfer: puts `perComputation`
 * files per recorded computation under root into the local store and adds their refs (producer = the
 * computation's cacheKey) to its computation.json, as a computation that saved that many files would.
 */
export async function addBulkArtifacts(root: string, perComputation = 1): Promise<ArtifactRef[]> {
  const store = new LocalArtifactStore(root)
  const refs: ArtifactRef[] = []
  for (const file of computationFiles(root)) {
    const record = JSON.parse(readFileSync(file, 'utf8')) as ComputationRecord
    const added: ArtifactRef[] = []
    for (let i = 0; i < perComputation; i++) {
      const content = Buffer.from(JSON.stringify({ formatVersion: 1, computation: record.id, part: i }))
      const { sha256, size } = await store.put(content)
      added.push({ path: `out/part ${i}.json`, sha256, size, producer: record.cacheKey! })
    }
    record.artifacts = [...(record.artifacts ?? []), ...added]
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`)
    refs.push(...added)
  }
  return refs
}

export function computationFiles(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.git') continue
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name === 'computation.json') found.push(path)
    }
  }
  walk(join(root, 'projects'))
  return found.sort()
}

/** Every file under root/artifacts and every computation.json, with its bytes: to prove a failed command changed nothing. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string) => {
    let names: string[]
    try { names = readdirSync(dir) } catch { return }
    for (const name of names) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out[path] = readFileSync(path).toString('base64')
    }
  }
  walk(join(root, 'artifacts'))
  for (const file of computationFiles(root)) out[file] = readFileSync(file).toString('base64')
  return out
}
