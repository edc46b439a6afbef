import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join, sep } from 'node:path'
import { captureEnvironment } from '../environment.js'
import { selectMetrics } from '../metrics/select.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import type { ComputationMetrics, Environment, ExecutionRecord, ExperimentDefinition, ResultsFile } from '../model/types.js'
import { applyPoint, expandGrid, resolvePipeline } from '../pipeline/resolve.js'
import { componentSeed } from '../pipeline/fit-predict.js'
import { makeSplits } from '../splits/index.js'
import type { App } from './app.js'
import { openDataset } from './datasets.js'
import { evaluateSplit } from './evaluate-split.js'
import { getRun } from './runs.js'
import { modelRef } from './models-artifacts.js'
import { artifactBytes, MODEL_FILE, type ComputationArtifact } from '../models/keep-model.js'
import { createHash } from 'node:crypto'
import type { Scope } from './scope.js'

export interface ComputationReplay {
  computation: string
  identical: boolean
  /** What differs: rows whose prediction or probabilities differ, metrics whose value differs. */
  differences: string[]
}

export interface ReproduceResult {
  run: string
  identical: boolean
  computations: ComputationReplay[]
  /** Fields of the environment that differ between the recorded run and this replay: [recorded, now]. */
  environment: Record<string, [string, string]>
}

/**
 * Runs a recorded run again from its record alone: the stored definition source, the dataset checked
 * by hash, the seed and params; nothing is recorded. Each computation's predictions and metrics are
 * compared bit for bit with the stored ones.
 */
export async function reproduceRun(app: App, ref: string, scope: Scope = {}): Promise<ReproduceResult> {
  const { run, computations } = await getRun(app, ref, scope)
  const execution = await app.store.execution(run.project, run.experiment, run.execution)
  if (!execution) throw new NotFoundError(`Run ${run.id} has no execution record (executions/${run.execution}/execution.json): it cannot be replayed.`)
  const dataset = await openDataset(app, run.dataset)
  if (dataset.record.hash !== run.environment.datasetHash) {
    throw new InvalidInputError(`Dataset '${run.dataset}' is not the one run ${run.run} used (hash ${dataset.record.hash.slice(0, 12)}, recorded ${run.environment.datasetHash.slice(0, 12)}): load the original data under that name to replay it.`)
  }
  const definition = await storedDefinition(execution)
  try {
    const steps = await resolvePipeline(definition.value.pipeline, dataset.record.task)
    const points = expandGrid(steps, definition.value.grid)
    const splits = makeSplits(definition.value.split, dataset.y, run.seed)
    const selection = selectMetrics(definition.value.metrics, dataset.record.task, dataset.record.classes)
    const replays: ComputationReplay[] = []
    for (const name of computations) {
      const match = /^split-(\d+)-point-(\d+)$/.exec(name)
      const split = match ? splits.find((s) => s.index === Number(match[1])) : undefined
      const point = match ? points[Number(match[2])] : undefined
      if (!match || !split || !point) {
        replays.push({ computation: name, identical: false, differences: ['this computation does not exist when the definition is replayed'] })
        continue
      }
      const p = Number(match[2])
      const recorded = await app.store.computation(run.project, run.experiment, run.execution, run.run, name)
      const savedModel = recorded && modelRef(recorded)
      const outcome = await evaluateSplit(dataset, applyPoint(steps, point), split, componentSeed(run.seed, split.index, p), selection, { keepModel: savedModel !== undefined })
      const [results, metrics] = await Promise.all([
        app.store.results(run.project, run.experiment, run.execution, run.run, name),
        app.store.computationMetrics(run.project, run.experiment, run.execution, run.run, name),
      ])
      const differences = [...compareResults(results, outcome.results), ...compareMetrics(metrics, outcome.metrics), ...compareModel(savedModel?.sha256, outcome.artifacts)]
      replays.push({ computation: name, identical: differences.length === 0, differences })
    }
    return {
      run: run.id,
      identical: replays.length > 0 && replays.every((r) => r.identical),
      computations: replays,
      environment: environmentChanges(run.environment, await captureEnvironment(dataset.record.hash)),
    }
  } finally {
    await definition.cleanup()
  }
}

/** The definition as it was run: the flags-only spec as recorded, or the stored source file loaded from a scratch folder. */
async function storedDefinition(execution: ExecutionRecord): Promise<{ value: ExperimentDefinition; cleanup: () => Promise<void> }> {
  const source = execution.source
  if (source.kind === 'spec') return { value: execution.definition, cleanup: async () => {} }
  const dir = await mkdtemp(join(tmpdir(), 'padre-reproduce-'))
  const file = join(dir, basename(source.file))
  await writeFile(file, source.source)
  // Command components' scripts and files, stored with the execution, go back beside the definition.
  for (const stored of source.commandSources ?? []) {
    if (stored.source === undefined) {
      await rm(dir, { recursive: true, force: true })
      throw new InvalidInputError(`Cannot replay: '${stored.path}' of component '${stored.component}' was versioned by its hash only (binary or over 1 MiB), so its content is not in the record.`)
    }
    const target = join(dir, stored.path)
    if (!target.startsWith(dir + sep)) throw new InvalidInputError(`Cannot replay: the stored path '${stored.path}' leaves the definition's folder.`)
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, stored.source)
  }
  const { loadDefinitionFile } = await import('../definition/load-definition.js')
  try {
    return { value: (await loadDefinitionFile(file)).definition, cleanup: () => rm(dir, { recursive: true, force: true }) }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

function compareResults(recorded: ResultsFile | undefined, now: ResultsFile): string[] {
  if (!recorded) return ['results.json is missing']
  const out: string[] = []
  if (recorded.rows.length !== now.rows.length) return [`${recorded.rows.length} rows recorded, ${now.rows.length} now`]
  recorded.rows.forEach((row, i) => {
    const again = now.rows[i]
    if (row.index !== again.index || row.predicted !== again.predicted) out.push(`row ${row.index}: predicted ${row.predicted}, now ${again.predicted}`)
    else if (JSON.stringify(row.probabilities) !== JSON.stringify(again.probabilities)) out.push(`row ${row.index}: probabilities ${JSON.stringify(row.probabilities)}, now ${JSON.stringify(again.probabilities)}`)
  })
  return out
}

/** The fitted pipeline too: the replayed model.json hashes to the recorded one. */
function compareModel(recorded: string | undefined, artifacts: ComputationArtifact[] | undefined): string[] {
  if (!recorded) return []
  const model = artifacts?.find((a) => a.path === MODEL_FILE)
  if (!model) return ['model.json: recorded, but the replay kept none']
  const now = createHash('sha256').update(artifactBytes(model)).digest('hex')
  return now === recorded ? [] : [`model.json: sha256 ${recorded.slice(0, 12)} recorded, ${now.slice(0, 12)} now`]
}

function compareMetrics(recorded: ComputationMetrics | undefined, now: ComputationMetrics): string[] {
  if (!recorded) return ['metrics.json is missing']
  const names = new Set([...Object.keys(recorded.values), ...Object.keys(now.values)])
  // As JSON, the way they were stored: NaN was written as null.
  const same = (m: string) => JSON.stringify(recorded.values[m]) === JSON.stringify(now.values[m])
  return [...names].filter((m) => !same(m)).map((m) => `${m}: ${recorded.values[m]}, now ${now.values[m]}`)
}

function environmentChanges(recorded: Environment, now: Environment): Record<string, [string, string]> {
  const fields: Array<keyof Environment> = ['node', 'os', 'arch', 'cpuModel', 'padre']
  return Object.fromEntries(fields.filter((f) => recorded[f] !== now[f]).map((f) => [f, [String(recorded[f]), String(now[f])]]))
}

