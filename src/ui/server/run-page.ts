import { InvalidInputError, NotFoundError } from '../../core/errors.js'
import type { App } from '../../core/services/app.js'
import { getComputation, listComputations } from '../../core/services/computations.js'
import { getExecution } from '../../core/services/executions.js'
import { getRun } from '../../core/services/runs.js'

/** Everything the run page shows, through the CLI's services. */
export async function runPage(app: App, id: string) {
  const { run, metrics } = await getRun(app, id)
  const [computations, execution] = await Promise.all([
    listComputations(app, id),
    getExecution(app, `${run.project}:${run.experiment}:${run.execution}`).catch(() => undefined),
  ])
  return { run, metrics, computations, execution: execution && { id: execution.id, version: execution.version, createdAt: execution.createdAt, source: execution.source } }
}

/** One page of a computation's per-row results. */
export async function resultsPage(app: App, computationId: string, offset: number, limit: number) {
  const { results } = await getComputation(app, computationId)
  if (!results) throw new NotFoundError(`Computation '${computationId}' has no results file.`)
  if (offset > results.rows.length) throw new InvalidInputError(`offset ${offset} is past the last row (${results.rows.length}).`)
  return { total: results.rows.length, offset, limit, classes: results.classes, rows: results.rows.slice(offset, offset + limit) }
}

/** The execution's source, as text. */
export async function executionSource(app: App, id: string): Promise<string> {
  return (await getExecution(app, id)).source.source
}
