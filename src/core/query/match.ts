import { InvalidInputError } from '../errors.js'
import { compareText } from './compare-text.js'
import { METRIC_HIGHER_IS_BETTER } from '../metrics/main.js'
import { documentFields, fieldValue, storedPath, type RunDocument } from './documents.js'
import { unknownField } from './errors.js'
import { parseFilter } from './filter.js'
import { checkQuery, parseWhere, type MongoQuery } from './where.js'

export interface QueryOptions {
  /** Mongo-style JSON (--where). */
  where?: string
  /** The short form for people (--filter). */
  filter?: string
  /** A field, optionally ':asc' or ':desc'. */
  sort?: string
  limit?: number
}

/** The fields of all the documents and whether there are any, when `docs` holds only some of them (the query columns' candidates). */
export interface KnownFields {
  fields: string[]
  haveDocs: boolean
}

/** --where and --filter together (both must hold), checked against the documents' fields. */
export async function buildQuery(options: QueryOptions, docs: RunDocument[], known?: KnownFields): Promise<MongoQuery | undefined> {
  const parts: MongoQuery[] = []
  if (options.where) parts.push(parseWhere(options.where))
  if (options.filter) parts.push(await parseFilter(options.filter))
  if (parts.length === 0) return undefined
  const query = parts.length === 1 ? parts[0] : { $and: parts }
  return known ? checkQuery(query, known.fields, known.haveDocs) : checkQuery(query, documentFields(docs), docs.length > 0)
}

/** The documents a checked query matches, evaluated by mingo (its query subpath, loaded on first use). */
export async function matchQuery<T extends object = RunDocument>(query: MongoQuery | undefined, docs: T[]): Promise<T[]> {
  if (!query || Object.keys(query).length === 0 || docs.length === 0) return docs
  const q = new (await mingoQuery())(query as never, { context: await mingoContext() } as never)
  return docs.filter((d) => q.test(d as never))
}

/** A CommonJS module's exports, as Node (the `default` of its namespace) and the esbuild bundle (dist/fast) both give them. */
const cjs = <T>(m: T): T => (m as { default?: T }).default ?? m
const mingoQuery = async () => cjs(await import('mingo/query')).Query

let context: unknown
/** Only the operators padre allows: the subpaths cost a fraction of mingo's full import. */
async function mingoContext(): Promise<unknown> {
  if (context) return context
  const [{ Context }, logical, comparison, element, evaluation] = (await Promise.all([
    import('mingo/core'), import('mingo/operators/query/logical'), import('mingo/operators/query/comparison'),
    import('mingo/operators/query/element'), import('mingo/operators/query/evaluation'),
  ])).map(cjs) as unknown as [typeof import('mingo/core'), typeof import('mingo/operators/query/logical'), typeof import('mingo/operators/query/comparison'), typeof import('mingo/operators/query/element'), typeof import('mingo/operators/query/evaluation')]
  const { $and, $or, $nor, $not } = logical
  const { $in, $nin, $gt, $gte, $lt, $lte, $eq, $ne } = comparison
  return (context = Context.init({ query: { $and, $or, $nor, $not, $in, $nin, $gt, $gte, $lt, $lte, $eq, $ne, $exists: element.$exists, $regex: evaluation.$regex } as never }))
}

/** Parses and evaluates --where/--filter over the documents in one call. */
export async function queryDocuments(options: QueryOptions, docs: RunDocument[]): Promise<RunDocument[]> {
  return matchQuery(await buildQuery(options, docs), docs)
}

/** Sort order of a --sort value: metrics best first by default, startedAt newest first, others ascending. */
export function sortSpec(sort: string, docs: RunDocument[], known?: KnownFields): { field: string; descending: boolean } {
  const [name, dir] = sort.includes(':') ? [sort.slice(0, sort.lastIndexOf(':')), sort.slice(sort.lastIndexOf(':') + 1)] : [sort, undefined]
  if (dir !== undefined && dir !== 'asc' && dir !== 'desc') throw new InvalidInputError(`--sort '${sort}': the direction after ':' must be asc or desc.`)
  const fields = known?.fields ?? documentFields(docs)
  const field = fields.includes(name) ? name : fields.includes(`metrics.${name}`) ? `metrics.${name}` : undefined
  if (!field) {
    if (!(known?.haveDocs ?? docs.length > 0)) return { field: name, descending: dir === 'desc' }
    throw unknownField(name, fields)
  }
  const metric = /^metrics\.([^.]+)$/.exec(field)?.[1]
  const natural = metric ? METRIC_HIGHER_IS_BETTER[metric] !== false : field === 'startedAt'
  return { field, descending: dir ? dir === 'desc' : natural }
}

export function sortDocuments<T extends RunDocument>(docs: T[], spec: { field: string; descending: boolean }): T[] {
  const value = (d: T) => fieldValue(d, spec.field)
  return [...docs].sort((a, b) => compareValues(value(a), value(b), spec.descending) || compareText(b.startedAt, a.startedAt))
}

/** Missing values and NaN last, whatever the direction. */
function compareValues(a: unknown, b: unknown, descending: boolean): number {
  const missing = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))
  if (missing(a)) return missing(b) ? 0 : 1
  if (missing(b)) return -1
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b))
  return descending ? -c : c
}

/** --columns: field names checked against the documents (did you mean). */
export function checkColumns(columns: string[], docs: RunDocument[], known?: KnownFields): string[] {
  const fields = known?.fields ?? documentFields(docs)
  return columns.map((c) => {
    if (fields.includes(c) || !(known?.haveDocs ?? docs.length > 0)) return c
    if (fields.includes(`metrics.${c}`)) return `metrics.${c}`
    throw unknownField(c, fields)
  })
}

export { storedPath }
