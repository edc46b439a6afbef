import { InvalidInputError } from '../errors.js'
import { storedPath } from './documents.js'
import { unknownField } from './errors.js'

export type MongoQuery = Record<string, unknown>

// $nor is what --filter's `not` becomes
const LOGICAL = new Set(['$and', '$or', '$nor'])
const FIELD_OPERATORS = new Set(['$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$eq', '$ne', '$exists', '$regex', '$options', '$not'])
const EXAMPLE = `e.g. '{"metrics.accuracy": {"$gt": 0.9}, "status": "finished"}'`

/** Parses --where JSON; a syntax error names its position. */
export function parseWhere(text: string): MongoQuery {
  let query: unknown
  try {
    query = JSON.parse(text)
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message)?.[1]
    throw new InvalidInputError(`--where is not valid JSON${at ? ` at position ${at}` : ''}: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, '')}. Write a JSON object, ${EXAMPLE}.`)
  }
  if (!isObject(query)) throw new InvalidInputError(`--where must be a JSON object, ${EXAMPLE}.`)
  return query
}

/**
 * Checks operators and fields, and rewrites metrics.<name>.std to the stored std.<name>. Fields are
 * checked against `known` (did you mean); tags.<key> is free-form, and params/metrics are not checked
 * when no document exists to know them from.
 */
export function checkQuery(query: MongoQuery, known: string[], haveDocs: boolean): MongoQuery {
  const knownSet = new Set(known)
  const walk = (q: MongoQuery): MongoQuery => Object.fromEntries(Object.entries(q).map(([key, value]) => {
    if (key.startsWith('$')) {
      if (!LOGICAL.has(key)) throw badOperator(key)
      if (!Array.isArray(value) || value.length === 0 || !value.every(isObject)) throw new InvalidInputError(`${key} takes a non-empty array of queries, e.g. {"${key}": [{"status": "failed"}, {"metrics.accuracy": {"$lt": 0.5}}]}.`)
      return [key, value.map((v) => walk(v as MongoQuery))]
    }
    checkField(key, knownSet, known, haveDocs)
    if (isObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) checkOperators(key, value)
    return [storedPath(key), value]
  }))
  return walk(query)
}

function checkOperators(field: string, ops: Record<string, unknown>): void {
  for (const [op, arg] of Object.entries(ops)) {
    if (!FIELD_OPERATORS.has(op)) throw badOperator(op)
    if ((op === '$in' || op === '$nin') && !Array.isArray(arg)) throw new InvalidInputError(`${op} on '${field}' takes an array, e.g. {"${field}": {"${op}": [3, 5]}}.`)
    if (op === '$regex' && typeof arg !== 'string') throw new InvalidInputError(`$regex on '${field}' takes a string pattern.`)
    if (op === '$regex') {
      try { new RegExp(arg as string) } catch (e) { throw new InvalidInputError(`$regex on '${field}' is not a valid regular expression: ${(e as Error).message}.`) }
    }
    if (op === '$not' && isObject(arg)) checkOperators(field, arg)
  }
}

function checkField(field: string, knownSet: Set<string>, known: string[], haveDocs: boolean): void {
  if (knownSet.has(field) || /^tags\.[^.]+$/.test(field)) return
  if (!haveDocs && /^(params\.[^.]+\.[^.]+|metrics\.[^.]+(\.std)?)$/.test(field)) return
  throw unknownField(field, known)
}

function badOperator(op: string): InvalidInputError {
  return new InvalidInputError(`Unsupported query operator '${op}': use $and $or $in $nin $gt $gte $lt $lte $eq $ne $exists $regex.`)
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
