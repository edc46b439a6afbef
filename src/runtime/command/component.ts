import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ComponentError } from '../../core/errors.js'
import type { CommandSpec, ParamValue } from '../../core/model/types.js'
import type { Matrix } from '../../core/pipeline/matrix.js'
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
export function commandComponent(input: CommandComponentInput): AsyncEstimator | AsyncTransformer {
  let training: Training | undefined
  const fit = (X: Matrix, y: Float64Array, ctx: FitContext) => { training = { X, y, ctx } }
  const trained = (): Training => {
    if (!training) throw new ComponentError(`Component '${input.name}' was asked to predict before it was fitted.`, { component: input.name })
    return training
  }
  if (input.kind === 'transformer') {
    return {
      fit,
      transform: (X: Matrix) => runJob(input, trained(), X, (text, job) => readTransformed(text, job.testRows)),
    }
  }
  const estimator: AsyncEstimator = {
    fit,
    async predict(X: Matrix) {
      const out = await runJob(input, trained(), X, (text, job) => readPredictions(text, job))
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

async function runJob<T>(input: CommandComponentInput, training: Training, test: Matrix, read: (text: string, job: Job) => T): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'padre-job-'))
  const phase = input.kind === 'estimator' ? 'predict' : 'transform'
  const detail = (stderr?: string) => ({ component: input.name, phase, location: location(input), ...(stderr ? { stderr } : {}) })
  const fail = (problem: string, stderr?: string) => new ComponentError(`Component '${input.name}' ${problem}`, detail(stderr))
  try {
    const job = await writeJob(dir, { component: input.name, kind: input.kind, params: input.params, train: training, test })
    const { run, timeoutS } = input.command
    const shown = `'${run.join(' ')}'`
    const outcome = await runProcess(run, { cwd: input.baseDir, env: { ...process.env, PADRE_JOB_DIR: dir }, timeoutS })
    if (outcome.spawnError) {
      const why = outcome.spawnError.code === 'ENOENT' ? `'${run[0]}' was not found (on PATH, or relative to ${input.baseDir})` : outcome.spawnError.message
      throw fail(`could not start ${shown}: ${why}.`)
    }
    if (outcome.timedOut) throw fail(`timed out after ${timeoutS} s: ${shown} was stopped.`, outcome.stderr)
    if (outcome.code !== 0) {
      const how = outcome.code === null ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`
      const last = outcome.stderr.split('\n').filter((l) => l.trim()).pop()
      throw fail(`failed: ${shown} ${how}${last ? ` (${last.trim()})` : ''}.`, outcome.stderr)
    }
    let text: string
    try {
      text = await readFile(join(dir, job.output), 'utf8')
    } catch {
      throw fail(`wrote no ${job.output}: ${shown} exited 0 but left no ${job.output} in $PADRE_JOB_DIR.`, outcome.stderr)
    }
    try {
      return read(text, job)
    } catch (error) {
      if (error instanceof OutputProblem) throw fail(`wrote bad output: ${error.message}.`, outcome.stderr)
      throw error
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Where the failing code is: the component's script, else its command line. */
function location(input: CommandComponentInput): string {
  return scriptPaths(input.command, input.baseDir)[0] ?? input.command.run.join(' ')
}
