import type { Task } from '../model/types.js'
import type { ResolvedStep } from '../pipeline/resolve.js'
import type { SavesState } from '../pipeline/types.js'
import { captureSteps, type SavedModel } from './saved-model.js'

/**
 * A file a computation keeps, on its way from where it ran (this process, a worker thread, a queue
 * worker) to the process that records it: plain JSON-safe text, base64 for binary content.
 */
export interface ComputationArtifact {
  /** The artifact's name within its computation: 'model.json', or a relative path of a file a component wrote. */
  path: string
  content: string
  encoding?: 'utf8' | 'base64'
}

export const MODEL_FILE = 'model.json'

export function artifactBytes(artifact: ComputationArtifact): Buffer {
  return Buffer.from(artifact.content, artifact.encoding === 'base64' ? 'base64' : 'utf8')
}

/** The fitted pipeline as model.json, or why it cannot be saved (a component that cannot save its state). */
export function keepModel(
  steps: ResolvedStep[], fitted: unknown[], info: { task: Task; classes?: string[]; features: string[] },
): { artifact: ComputationArtifact } | { note: string } {
  const unsavable = steps.find((s, i) => typeof (fitted[i] as Partial<SavesState>).saveState !== 'function' || !s.definition.restore)
  if (unsavable) return { note: `no ${MODEL_FILE}: component '${unsavable.definition.name}' cannot save its fitted state` }
  let captured: SavedModel['steps']
  try {
    captured = captureSteps(steps, fitted)!
  } catch (error) {
    // the computation's predictions stand; only its model is not kept, and the record says why
    return { note: `no ${MODEL_FILE}: a component could not save its fitted state: ${(error as Error).message.split('\n')[0]}` }
  }
  const model: SavedModel = {
    formatVersion: 1, task: info.task, ...(info.task === 'classification' && info.classes ? { classes: info.classes } : {}),
    features: info.features, steps: captured,
  }
  return { artifact: { path: MODEL_FILE, content: JSON.stringify(model) } }
}

/** A component's file name within its computation: relative, '/'-separated, never climbing out. */
export function checkArtifactPath(path: string): string {
  const parts = typeof path === 'string' ? path.split('/') : []
  if (parts.length === 0 || path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || /[\u0000-\u001f]/.test(p))) {
    throw new Error(`saveArtifact: '${String(path)}' is not a relative file path such as 'plots/loss.svg' (no leading '/', no '.' or '..' parts)`)
  }
  return path
}

export function artifactOf(path: string, content: string | Uint8Array): ComputationArtifact {
  if (typeof content === 'string') return { path, content }
  if (content instanceof Uint8Array) return { path, content: Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('base64'), encoding: 'base64' }
  throw new Error(`saveArtifact: the content of '${path}' must be a string or a Uint8Array (a Buffer), not ${typeof content}`)
}
