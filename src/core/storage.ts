import type { DatasetData } from './events.js'
import { InvalidInputError } from './errors.js'
import type {
  ComputationMetrics, ComputationRecord, DatasetRecord, ExecutionRecord, ExperimentRecord,
  ProjectRecord, ReevaluationRecord, ResultsFile, RunMetrics, RunRecord,
} from './model/types.js'
import type { ModelAliasesRecord, ModelVersionRecord } from './models/registry.js'

/** What each kind of record holds. */
export interface RecordTypes {
  project: ProjectRecord
  experiment: ExperimentRecord
  execution: ExecutionRecord
  run: RunRecord
  runMetrics: RunMetrics
  computation: ComputationRecord
  computationMetrics: ComputationMetrics
  results: ResultsFile
  reevaluation: ReevaluationRecord
  reevaluationMetrics: RunMetrics
  reevaluatedComputationMetrics: ComputationMetrics
  dataset: DatasetRecord
  datasetData: DatasetData
  /** The model registry (in the project repository): one record per version, one of aliases per model. */
  modelVersion: ModelVersionRecord
  modelAliases: ModelAliasesRecord
}
export type RecordKind = keyof RecordTypes

/** The parents (and own name) each kind's id carries: a lookup never scans. */
export const ID_FIELDS = {
  project: ['project'],
  experiment: ['project', 'experiment'],
  execution: ['project', 'experiment', 'execution'],
  run: ['project', 'experiment', 'execution', 'run'],
  runMetrics: ['project', 'experiment', 'execution', 'run'],
  computation: ['project', 'experiment', 'execution', 'run', 'computation'],
  computationMetrics: ['project', 'experiment', 'execution', 'run', 'computation'],
  results: ['project', 'experiment', 'execution', 'run', 'computation'],
  reevaluation: ['project', 'experiment', 'execution', 'run', 'reevaluation'],
  reevaluationMetrics: ['project', 'experiment', 'execution', 'run', 'reevaluation'],
  reevaluatedComputationMetrics: ['project', 'experiment', 'execution', 'run', 'reevaluation', 'computation'],
  dataset: ['dataset'],
  datasetData: ['dataset'],
  modelVersion: ['project', 'model', 'version'],
  modelAliases: ['project', 'model'],
} as const satisfies Record<RecordKind, readonly IdField[]>

export type IdField = 'project' | 'experiment' | 'execution' | 'run' | 'computation' | 'reevaluation' | 'dataset' | 'model' | 'version'

/** e.g. { kind: 'run', project: 'P', experiment: 'E', execution: 'spec-…', run: '2026…' } */
export type RecordId<K extends RecordKind = RecordKind> = K extends RecordKind
  ? { kind: K } & { [F in (typeof ID_FIELDS)[K][number]]: string }
  : never

/** The kinds that can be listed, and the parent fields a list needs. */
export const LIST_PARENTS = {
  project: [],
  experiment: ['project'],
  execution: ['project', 'experiment'],
  run: ['project', 'experiment', 'execution'],
  computation: ['project', 'experiment', 'execution', 'run'],
  reevaluation: ['project', 'experiment', 'execution', 'run'],
  dataset: [],
  model: ['project'],
  modelVersion: ['project', 'model'],
} as const satisfies Record<string, readonly IdField[]>
export type ListKind = keyof typeof LIST_PARENTS
export type ListParent<K extends ListKind> = { [F in (typeof LIST_PARENTS)[K][number]]: string }

export interface PutOptions {
  /** Create only: an existing record stays as it is, and put returns false. */
  exclusive?: boolean
}

export interface ListOptions {
  /** Soft-deleted projects, experiments or datasets instead of the live ones (backends without a trash list none). */
  deleted?: boolean
}

/**
 * The one storage interface the services' records go through. get of a missing record is undefined;
 * put replaces (or, exclusive, keeps the first); list gives the child names under a parent, sorted.
 * Every name in an id is checked before anything is read or written.
 */
export interface Storage {
  /** How the backend is named in messages, e.g. file:///home/me/.padre or memory://. */
  readonly uri: string
  get<K extends RecordKind>(id: RecordId<K>): Promise<RecordTypes[K] | undefined>
  put<K extends RecordKind>(id: RecordId<K>, value: RecordTypes[K], options?: PutOptions): Promise<boolean>
  list<K extends ListKind>(kind: K, parent: ListParent<K>, options?: ListOptions): Promise<string[]>
  /** Runs fn with other writers of this record kept out (across processes where the backend is shared). */
  exclusively?<T>(id: RecordId, fn: () => Promise<T>): Promise<T>
}

/** Each id part becomes a folder or key: no separators, no climbing, nothing empty or invisible. */
export function checkId(id: { kind: string } & Partial<Record<IdField, string>>, fields: readonly IdField[] = ID_FIELDS[id.kind as RecordKind]): void {
  if (!fields) throw new InvalidInputError(`Unknown record kind '${id.kind}': use one of ${Object.keys(ID_FIELDS).join(', ')}.`)
  for (const field of fields) {
    const value = id[field]
    const problem = typeof value !== 'string' ? 'it is missing'
      : value.length === 0 ? 'it is empty'
        : /[/\\\u0000-\u001f\u007f]/.test(value) ? 'it contains a slash or a control character'
          : value === '.' || value === '..' || value.startsWith('.') ? "it starts with '.'"
            : undefined
    if (problem) throw new InvalidInputError(`Invalid ${field} in ${id.kind} id '${String(value)}': ${problem}.`)
  }
}

/** A short name for messages: "run P/E/v/r". */
export function describeId(id: RecordId): string {
  const fields = ID_FIELDS[id.kind] as readonly IdField[]
  return `${id.kind} ${fields.map((f) => (id as unknown as Record<string, string>)[f]).join('/')}`
}

/** The id's parts in order: a key for maps and a path below a root. */
export function idParts(id: RecordId): string[] {
  return (ID_FIELDS[id.kind] as readonly IdField[]).map((f) => (id as unknown as Record<string, string>)[f])
}
