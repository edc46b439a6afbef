import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ComponentError } from '../../core/errors.js'
import type { CommandSpec, ParamValue } from '../../core/model/types.js'
import type { Matrix } from '../../core/pipeline/matrix.js'
import type { KeepsArtifacts, ReportsMetrics } from '../../core/pipeline/fit-predict.js'
import type { ComputationArtifact } from '../../core/models/keep-model.js'
import { readJobArtifacts } from './artifacts.js'
import type { AsyncEstimator, AsyncTransformer, FitContext } from '../../core/pipeline/types.js'
import { writeJob, type Job } from './job.js'
import { OutputProblem, readPredictions, readTransformed } from './output.js'
import { runProcess } from './process.js'
import { scriptPaths } from './sources.js'

export interface CommandComponentInput {
  name: string
  kind: 'estimator' | 'transformer'
  command: CommandSpec
  /** The definition file's folder: the program's cwd. */
  baseDir: string
  params: Record<string, ParamValue>
}

interface Training { X: Matrix; y: Float64Array; ctx: FitContext }

/** fit keeps the training rows; predict (or transform) runs the program once over them and the rows to predict. */
export function commandComponent(input: CommandComponentInput): (AsyncEstimator | AsyncTransformer) & ReportsMetrics & KeepsArtifacts {
  let training: Training | undefined
  let reported: Record<string, unknown> | undefined
  // Files of every job (a transformer runs on the training rows, then on the test rows): a later one replaces an earlier one of the same path.
  const files = new Map<string, ComputationArtifact>()
  const componentMetrics = () => reported
  const componentArtifacts = () => (files.size ? [...files.values()] : undefined)
  const job = async <T>(X: Matrix, read: (text: string, job: Job) => T): Promise<T> => {
    const out = await runJob(input, trained(), X, read)
    reported = out.metrics
    for (const file of out.artifacts) files.set(file.path, file)
    return out.value
  }
  const fit = (X: Matrix, y: Float64Array, ctx: FitContext) => { training = { X, y, ctx } }
  const trained = (): Training => {
    if (!training) throw new ComponentError(`Component '${input.name}' was asked to predict before it was fitted.`, { component: input.name })
    return training
  }
  if (input.kind === 'transformer') {
    return {
      fit,
      componentMetrics,
      componentArtifacts,
      transform: (X: Matrix) => job(X, (text, j) => readTransformed(text, j.testRows)),
    }
  }
  const estimator: AsyncEstimator & ReportsMetrics & KeepsArtifacts = {
    fit,
    componentMetrics,
    componentArtifacts,
    async predict(X: Matrix) {
      const out = await job(X, (text, j) => readPredictions(text, j))
      // The pipeline asks for probabilities after predict, on the same rows: offer them only when the program wrote them.
      if (out.probabilities) {
        const probabilities = out.probabilities
        estimator.predictProba = (T: Matrix) => (T === X ? probabilities : Promise.reject(new ComponentError(`Component '${input.name}' gives probabilities only with its predictions.`, { component: input.name })))
      } else {
        delete estimator.predictProba
      }
      return out.predicted
    },
  }
  return estimator
}

async function runJob<T>(input: CommandComponentInput, training: Training, test: Matrix, read: (text: string, job: Job) => T): Promise<{ value: T; metrics?: Record<string, unknown>; artifacts: ComputationArtifact[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'padre-job-'))
  const phase = input.kind === 'estimator' ? 'predict' : 'transform'
  const fail = (problem: string, output?: { stderr: string; stdout: string }) => new ComponentError(`Component '${input.name}' ${problem}`, {
    component: input.name, phase, location: location(input),
    ...(output?.stderr ? { stderr: output.stderr } : {}), ...(output?.stdout ? { stdout: output.stdout } : {}),
  })
  try {
    const job = await writeJob(dir, { component: input.name, kind: input.kind, params: input.params, train: training, test })
    const { run, timeoutS } = input.command
    const shown = `'${run.join(' ')}'`
    const outcome = await runProcess(run, { cwd: input.baseDir, env: { ...process.env, PADRE_JOB_DIR: dir }, timeoutS })
    if (outcome.spawnError) {
      const why = outcome.spawnError.code === 'ENOENT' ? `'${run[0]}' was not found (on PATH, or relative to ${input.baseDir})` : outcome.spawnError.message
      throw fail(`could not start ${shown}: ${why}.`)
    }
    if (outcome.timedOut) throw fail(`timed out after ${timeoutS} s: ${shown} was stopped.`, outcome)
    if (outcome.code !== 0) {
      const how = outcome.code === null ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`
      const last = outcome.stderr.split('\n').filter((l) => l.trim()).pop()
      throw fail(`failed: ${shown} ${how}${last ? ` (${last.trim()})` : ''}.`, outcome)
    }
    let text: string
    try {
      text = await readFile(join(dir, job.output), 'utf8')
    } catch {
      throw fail(`wrote no ${job.output}: ${shown} exited 0 but left no ${job.output} in $PADRE_JOB_DIR.`, outcome)
    }
    try {
      return { value: read(text, job), ...await ownMetrics(dir), artifacts: await readJobArtifacts(dir) }
    } catch (error) {
      if (error instanceof OutputProblem) throw fail(`wrote bad output: ${error.message}.`, outcome)
      throw error
    }
  } finally {
    // PADRE_KEEP_JOBS=1 keeps the job folders (for debugging a program by hand).
    if (!process.env.PADRE_KEEP_JOBS) await rm(dir, { recursive: true, force: true })
  }
}

/** The program's own metrics.json, when it wrote one: a JSON object, recorded as is. */
async function ownMetrics(dir: string): Promise<{ metrics?: Record<string, unknown> }> {
  let text: string
  try {
    text = await readFile(join(dir, 'metrics.json'), 'utf8')
  } catch {
    return {}
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new OutputProblem(`metrics.json is not JSON (${(error as Error).message})`)
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new OutputProblem('metrics.json must hold a JSON object, e.g. {"train_accuracy": 0.97}')
  return { metrics: value as Record<string, unknown> }
}

/** Where the failing code is: the component's script, else its command line. */
function location(input: CommandComponentInput): string {
  return scriptPaths(input.command, input.baseDir)[0] ?? input.command.run.join(' ')
}
