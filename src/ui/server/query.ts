import { checkQuery, documentFields, matchQuery, parseFilter, parseWhere, type RunDocument } from '../../core/query/index.js'
import type { RunDoc } from './run-docs.js'

/**
 * The filter of the runs table: the CLI's query language (src/core/query), evaluated by mingo. A box that
 * starts with '{' is --where's Mongo-style JSON; anything else is --filter's short form
 * ('metrics.accuracy > 0.9 and params.knn.k in (3, 5)'). Unknown fields get a did-you-mean.
 */
export async function filterRuns(docs: RunDoc[], text: string | undefined): Promise<RunDoc[]> {
  const trimmed = text?.trim()
  if (!trimmed) return docs
  const parsed = trimmed.startsWith('{') ? parseWhere(trimmed) : await parseFilter(trimmed)
  const fields = documentFields(docs.map((d) => ({ ...d, tags: {} })) as unknown as RunDocument[])
  return matchQuery(checkQuery(parsed, [...fields, 'id', 'error'], docs.length > 0), docs)
}
