import { InvalidInputError } from '../../core/errors.js'
import type { RunDoc } from './run-docs.js'

type Test = (doc: RunDoc) => boolean
let compiled: Promise<(query: Record<string, unknown>) => Test> | undefined

/**
 * THE filter of the runs table: a Mongo-style JSON query over RunDoc, evaluated with mingo.
 * Kept in this one function so that the shared query module (src/core/query/) can replace it.
 */
export async function filterRuns(docs: RunDoc[], text: string | undefined): Promise<RunDoc[]> {
  if (!text?.trim()) return docs
  let query: unknown
  try {
    query = JSON.parse(text)
  } catch (error) {
    throw new InvalidInputError(`The filter is not JSON (${(error as Error).message}): write a Mongo-style query, e.g. {"metrics.accuracy": {"$gt": 0.9}}.`)
  }
  if (!query || typeof query !== 'object' || Array.isArray(query)) throw new InvalidInputError('The filter must be a JSON object, e.g. {"status": "finished"}.')
  const make = await (compiled ??= load())
  let test: Test
  try {
    test = make(query as Record<string, unknown>)
    return docs.filter((d) => test(d))
  } catch (error) {
    throw new InvalidInputError(`The filter is not a valid query: ${(error as Error).message}. Operators: $eq $ne $gt $gte $lt $lte $in $nin $and $or $not $nor $exists $regex.`)
  }
}

// mingo's subpath imports load in about a tenth of the time of the full package; only query operators.
async function load(): Promise<(query: Record<string, unknown>) => Test> {
  const [{ Query }, { Context }, operators] = await Promise.all([import('mingo/query'), import('mingo/core'), import('mingo/operators/query')])
  const context = Context.init({ query: operators })
  return (query) => {
    const q = new Query(query, { context })
    return (doc) => q.test(doc as unknown as Record<string, unknown>)
  }
}
