import type { ArtifactRef } from '../artifacts/types.js'
import { BackendError } from '../errors.js'
import { artifactBytes, MODEL_FILE, type ComputationArtifact } from '../models/keep-model.js'
import type { ComputationRecord } from '../model/types.js'
import type { App } from './app.js'

/** Stores what a computation kept, once by content hash, and returns the references its record carries. */
export async function storeArtifacts(app: App, artifacts: ComputationArtifact[], producer: string): Promise<ArtifactRef[]> {
  const refs: ArtifactRef[] = []
  try {
    for (const artifact of artifacts) {
      const { sha256, size } = await app.artifacts.put(artifactBytes(artifact))
      refs.push({ path: artifact.path, sha256, size, producer })
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new BackendError(`no space left on ${app.root}: free space and rerun`, ['What was recorded before stays intact.'])
    throw error
  }
  return refs
}

export function modelRef(computation: Pick<ComputationRecord, 'artifacts'>): ArtifactRef | undefined {
  return computation.artifacts?.find((a) => a.path === MODEL_FILE)
}

/** A recorded computation answers for its model: it kept one, or noted why it could not. */
export const accountsForModel = (computation: ComputationRecord) => modelRef(computation) !== undefined || computation.modelNote !== undefined
