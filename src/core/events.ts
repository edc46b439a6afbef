import mittImport from 'mitt'
import type { Emitter, Handler } from 'mitt'
import { BackendError, PadreError } from './errors.js'
import type {
  ComputationMetrics, ComputationRecord, DatasetRecord, ExecutionRecord, ExperimentRecord,
  ProjectRecord, ResultsFile, RunMetrics, RunRecord,
} from './model/types.js'
import type { ReevaluationRecord } from './model/types.js'
import type { ModelVersionRecord } from './models/registry.js'

// mitt ships a CJS-style default export that Node16 resolution types as a namespace.
const mitt = mittImport as unknown as <T extends Record<string, unknown>>() => Emitter<T>

export interface DatasetData {
  X: number[][]
  y: Array<number | string>
}

/** Everything the services announce. Backends subscribe; the service awaits them all. */
export type PadreEvents = {
  'project:created': { root: string; project: ProjectRecord }
  'experiment:created': { root: string; experiment: ExperimentRecord }
  'execution:created': { root: string; execution: ExecutionRecord }
  /** An execution recorded without a run (experiment create): the git backend commits it on its own. */
  'execution:defined': { root: string; execution: ExecutionRecord }
  'run:started': { root: string; run: RunRecord }
  'computation:finished': { root: string; run: RunRecord; computation: ComputationRecord; results: ResultsFile; metrics: ComputationMetrics }
  /** A run ends: finished, failed or cancelled. metrics is null when no computation finished. */
  'run:ended': { root: string; run: RunRecord; metrics: RunMetrics | null }
  'dataset:stored': { root: string; dataset: DatasetRecord; data: DatasetData }
  /** Metrics recomputed from a run's stored results: files beside the run's own (reevaluations/<name>/), never over them. */
  'run:reevaluated': { root: string; run: RunRecord; reevaluation: ReevaluationRecord; metrics: RunMetrics; computations: Array<{ name: string; metrics: ComputationMetrics }> }
  /** A run's tags, notes or soft delete changed (run tag/note/delete/restore): run.json is rewritten and committed. */
  'run:annotated': { root: string; run: RunRecord; message: string }
  /** Soft deletes: the files leave the working view (git history keeps them); restore brings them back. */
  'dataset:deleted': { root: string; name: string }
  'dataset:restored': { root: string; name: string }
  'project:deleted': { root: string; name: string }
  'project:restored': { root: string; name: string }
  'experiment:deleted': { root: string; project: string; name: string }
  'experiment:restored': { root: string; project: string; name: string }
  /** A new version of a registered model (models/<name>/versions/<n>.json in the project repository), with an alias set at once if given. */
  'model:registered': { root: string; version: ModelVersionRecord; alias?: string }
  /** An alias of a registered model points at a version (models/<name>/aliases.json). */
  'model:aliased': { root: string; project: string; name: string; alias: string; version: number }
}

export type EventName = keyof PadreEvents

export const EVENT_NAMES: readonly EventName[] = [
  'project:created', 'experiment:created', 'execution:created', 'run:started', 'computation:finished', 'run:ended', 'dataset:stored',
  'run:reevaluated',
  'execution:defined',
  'run:annotated',
  'dataset:deleted', 'dataset:restored', 'project:deleted', 'project:restored', 'experiment:deleted', 'experiment:restored',
  'model:registered', 'model:aliased',
] satisfies Array<keyof PadreEvents>
export type AsyncHandler<K extends EventName> = (payload: PadreEvents[K]) => void | Promise<void>
export type EventObserver = (type: EventName, payload: unknown, error?: Error) => void | Promise<void>

/**
 * mitt does not await its handlers, so emit() runs them itself, one after another in the order they
 * subscribed (the file backend writes before the git backend commits), and throws on the first
 * failure: a backend that fails is never skipped in silence.
 */
export class EventBus {
  private readonly emitter = mitt<Record<EventName, unknown>>()
  private readonly names = new Map<unknown, string>()
  private readonly observers: EventObserver[] = []

  on<K extends EventName>(type: K, handler: AsyncHandler<K>, name = 'a backend'): void {
    this.names.set(handler, name)
    this.emitter.on(type, handler as Handler<unknown>)
  }

  /** Observers (the log) hear every event after its handlers ran, with the error if one failed. */
  observe(observer: EventObserver): void {
    this.observers.push(observer)
  }

  async emit<K extends EventName>(type: K, payload: PadreEvents[K]): Promise<void> {
    const handlers = [...(this.emitter.all.get(type) ?? [])] as unknown as Array<AsyncHandler<K>>
    let failure: Error | undefined
    for (const handler of handlers) {
      try {
        await handler(payload)
      } catch (error) {
        failure = wrap(error, this.names.get(handler) ?? 'a backend', type, payload)
        break
      }
    }
    for (const observer of this.observers) {
      try {
        await observer(type, payload, failure)
      } catch (error) {
        failure ??= wrap(error, 'the log', type, payload)
      }
    }
    if (failure) throw failure
  }
}

function wrap(error: unknown, name: string, type: string, payload?: unknown): Error {
  if (error instanceof PadreError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const root = (payload as { root?: string } | undefined)?.root ?? 'the disk'
    return new BackendError(`no space left on ${root}: free space and rerun`, ['What was recorded before stays intact; the next padre command finishes the bookkeeping.'])
  }
  const message = error instanceof Error ? error.message : String(error)
  const wrapped = new BackendError(`${name} failed on ${type}: ${message}`)
  if (error instanceof Error) wrapped.stack = `${wrapped.stack}\nCaused by: ${error.stack}`
  return wrapped
}
