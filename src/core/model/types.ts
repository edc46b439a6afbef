/** The records padre stores. Every file carries schemaVersion; ids join parent names with ':'. */
export const SCHEMA_VERSION = 1

export type ParamValue = number | string | boolean | null
export type Task = 'classification' | 'regression'
export type SplitStrategy = 'random' | 'cv' | 'stratified' | 'explicit' | 'function' | 'leaveOneOut'
/** interrupted: the process that ran it died (kill -9, power loss) before recording its end. */
export type RunStatus = 'running' | 'finished' | 'failed' | 'cancelled' | 'interrupted'

/** One pipeline step: a component name and its named parameters. */
export interface ComponentSpec {
  component: string
  params: Record<string, ParamValue>
  /** Where the component comes from: built in (the default when absent), the definition file, or an external command. */
  origin?: 'builtin' | 'definition' | 'command'
  /** command components: what runs, and the files whose content versions the execution. */
  command?: CommandSpec
}

export interface CommandSpec {
  /** argv, e.g. ['python3', 'models/forest.py']; relative paths are relative to the definition file's folder. */
  run: string[]
  /** More files the program reads (their content versions the execution, like the script's). */
  files?: string[]
  /** Seconds before the program is stopped and the run fails; no limit when absent. */
  timeoutS?: number
}

export interface SplitSpec {
  strategy: SplitStrategy
  /** cv and stratified: number of folds (default 5). */
  folds?: number
  /** random: share of rows held out for testing (default 0.25). */
  testRatio?: number
  /** shuffle before splitting (default true). */
  shuffle?: boolean
  /** cv and stratified: repeat the k folds this many times, each repeat reshuffled from the seed. */
  repeats?: number
  /** explicit: the splits themselves, row indices. */
  splits?: Array<{ train: number[]; test: number[] }>
  /** function: the split function of the definition file; recorded as its name (the function itself is kept off the record). */
  function?: string | ((ctx: { n: number; y: Float64Array; seed: number }) => Array<{ train: ArrayLike<number>; test: ArrayLike<number> }>)
  /** function: the split function's source text, recorded. */
  source?: string
}

/** A metric a run computes: a registered name, or one defined in the definition file (defineMetric). */
export interface MetricSpec {
  metric: string
  origin?: 'builtin' | 'definition'
  /** defineMetric metrics: recorded so readers (compare, sort) know the direction without the definition file. */
  higherIsBetter?: boolean | null
}

/** What a definition file exports (through defineExperiment) or the flags-only path builds. */
export interface ExperimentDefinition {
  project: string
  name: string
  description?: string
  dataset: string
  pipeline: ComponentSpec[]
  split: SplitSpec
  /** Parameter grid: 'component.param' → values; every combination becomes a grid point. */
  grid?: Record<string, ParamValue[]>
  seed: number
  /** Metrics to compute (default: every registered metric that applies to the task). */
  metrics?: Array<string | MetricSpec>
}

export interface ProjectRecord {
  schemaVersion: number
  id: string
  name: string
  description?: string
  createdAt: string
}

export interface ExperimentRecord {
  schemaVersion: number
  id: string
  project: string
  name: string
  description?: string
  createdAt: string
  dataset: string
}

export type SourceReference =
  | { kind: 'git'; file: string; repo: string; path: string; commit: string; dirty: boolean; contentHash: string; source: string; commandSources?: CommandSourceFile[] }
  | { kind: 'file'; file: string; contentHash: string; source: string; note: string; commandSources?: CommandSourceFile[] }
  | { kind: 'spec'; specHash: string; source: string }

/** A file a command component names (its script, or one of its `files`), stored with the execution that it versions. */
export interface CommandSourceFile {
  component: string
  /** Relative to the definition file's folder, '/'-separated. */
  path: string
  contentHash: string
  bytes: number
  /** The text, unless the file is binary or larger than 1 MiB. */
  source?: string
}

export interface ExecutionRecord {
  schemaVersion: number
  id: string
  project: string
  experiment: string
  /** The code version: derived from the source reference, so the same code maps to the same execution. */
  version: string
  createdAt: string
  source: SourceReference
  definition: ExperimentDefinition
}

export interface Environment {
  node: string
  os: string
  arch: string
  cpus: number
  cpuModel: string
  padre: string
  packages: Record<string, string>
  datasetHash: string
}

export interface RunRecord {
  schemaVersion: number
  id: string
  project: string
  experiment: string
  execution: string
  run: string
  status: RunStatus
  startedAt: string
  finishedAt?: string
  durationMs?: number
  dataset: string
  pipeline: ComponentSpec[]
  split: SplitSpec
  grid?: Record<string, ParamValue[]>
  seed: number
  /** Resolved parameters of every grid point, 'component.param' → value. */
  points: Array<Record<string, ParamValue>>
  environment: Environment
  mainMetric?: { name: string; value: number }
  error?: string
  /** Where a failed run failed, when user code did: the component, the phase, its file:line, the last lines of its stderr. */
  failure?: FailureDetail
  /** Set with `padre run tag`: key → value. */
  tags?: Record<string, string>
  /** Added with `padre run note`, oldest first. */
  notes?: Array<{ at: string; text: string }>
  /** Soft delete (`padre run delete`): hidden from lists and compare unless --deleted; `run restore` clears it. */
  deletedAt?: string
}

export interface FailureDetail {
  component?: string
  phase?: string
  location?: string
  stderr?: string
  /** command components: the last lines of the program's stdout. */
  stdout?: string
}

export interface ComputationRecord {
  schemaVersion: number
  id: string
  run: string
  split: number
  point: number
  parameters: Record<string, ParamValue>
  trainSize: number
  testSize: number
  timings: { fitMs: number; predictMs: number }
  /** Hash of everything the computation depends on (code version, dataset, params, split rows, seed, padre version). */
  cacheKey?: string
  /** Set when this computation was not run again: the id of the recorded computation whose results it reuses. */
  reusedFrom?: string
  /** repeated k-fold: the repeat and the fold within it (split = repeat × folds + fold). */
  repeat?: number
  fold?: number
  /** Files the computation kept, stored by content hash under <root>/artifacts/ ('model.json' is the fitted pipeline). */
  artifacts?: import('../artifacts/types.js').ArtifactRef[]
  /** Why the computation kept no model.json (a component that cannot save its state). */
  modelNote?: string
}

export interface RowResult {
  index: number
  truth: number | string
  predicted: number | string
  probabilities?: number[]
}

export interface ResultsFile {
  schemaVersion: number
  classes?: string[]
  rows: RowResult[]
}

export type MetricValues = Record<string, number>

export interface ComputationMetrics {
  schemaVersion: number
  values: MetricValues
  confusionMatrix?: number[][]
  classes?: string[]
  /** What components reported of themselves (a command's metrics.json), by component name; padre does not aggregate them. */
  componentMetrics?: Record<string, Record<string, unknown>>
}

export interface RunMetrics {
  schemaVersion: number
  points: Array<{ point: number; parameters: Record<string, ParamValue>; mean: MetricValues; std: MetricValues; splits: number }>
}

export interface DatasetRecord {
  schemaVersion: number
  name: string
  hash: string
  target: string
  task: Task
  featureNames: string[]
  classes: string[]
  rows: number
  source: string
  createdAt: string
}

/** A recomputation of a run's metrics from its stored per-row results (padre metric reevaluate); never overwrites the run's own files. */
export interface ReevaluationRecord {
  schemaVersion: number
  /** <run id>:<name>; name sorts by time, so the newest is the last. */
  id: string
  run: string
  name: string
  createdAt: string
  /** The metrics recomputed; every other stored value is carried over as it was. */
  metrics: string[]
  /** The definition file whose defineMetric metrics were used, if any. */
  file?: string
  /** Per grid point and recomputed metric: the mean before (the newest earlier view) and after; null where undefined (NaN). */
  changes: MetricChange[]
}

export interface MetricChange {
  point: number
  metric: string
  old: number | null
  new: number | null
}
