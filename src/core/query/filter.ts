import { InvalidInputError } from '../errors.js'
import type { MongoQuery } from './where.js'

/* A short form for people: metrics.accuracy > 0.9 and params.knn.k in (3, 5) or status = failed.
   and/or/not, in (...), not in via not, = != < <= > >=; bare words are strings. jsep parses it. */

interface Node {
  type: string
  operator?: string
  left?: Node
  right?: Node
  argument?: Node
  object?: Node
  property?: Node
  name?: string
  value?: unknown
  raw?: string
  computed?: boolean
  expressions?: Node[]
  body?: Node[]
}

type Jsep = ((text: string) => Node) & { addBinaryOp(op: string, precedence: number): void; addUnaryOp(op: string): void; removeBinaryOp(op: string): void; removeUnaryOp(op: string): void }

const COMPARE: Record<string, string> = { '=': '$eq', '==': '$eq', '!=': '$ne', '<': '$lt', '<=': '$lte', '>': '$gt', '>=': '$gte' }
const FLIP: Record<string, string> = { $lt: '$gt', $lte: '$gte', $gt: '$lt', $gte: '$lte', $eq: '$eq', $ne: '$ne' }
const HINT = "write e.g. 'metrics.accuracy > 0.9 and params.knn.k in (3, 5) or status = failed'"

let configured: Jsep | undefined

async function parser(): Promise<Jsep> {
  if (configured) return configured
  const jsep = (await import('jsep')).default as unknown as Jsep
  for (const op of ['+', '-', '*', '/', '%', '|', '^', '&', '<<', '>>', '>>>', '===', '!==', '||', '&&', '??']) jsep.removeBinaryOp(op)
  for (const op of ['-', '!', '~', '+']) jsep.removeUnaryOp(op)
  jsep.addBinaryOp('or', 1)
  jsep.addBinaryOp('and', 2)
  jsep.addBinaryOp('=', 6)
  jsep.addBinaryOp('in', 7)
  jsep.addUnaryOp('not')
  jsep.addUnaryOp('-')
  return (configured = jsep)
}

export async function parseFilter(text: string): Promise<MongoQuery> {
  const jsep = await parser()
  let ast: Node
  try {
    ast = jsep(quoteHyphenatedWords(text))
  } catch (error) {
    const e = error as Error & { index?: number }
    throw new InvalidInputError(`--filter: ${e.message.replace(/ at character \d+$/, '')} at position ${e.index ?? '?'}: ${HINT}.`)
  }
  return toQuery(ast, text)
}

/** Bare words with hyphens (iris-half, knn-grid) are values, not subtractions: quote them outside quoted text. */
export function quoteHyphenatedWords(text: string): string {
  return text.split(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/).map((part, i) =>
    (i % 2 === 1 ? part : part.replace(/(?<![\w.'"-])([A-Za-z_]\w*(?:-\w+)+)(?![\w.-])/g, "'$1'"))).join('')
}

function toQuery(node: Node, text: string): MongoQuery {
  if (node.type === 'BinaryExpression' && (node.operator === 'and' || node.operator === 'or')) {
    const op = node.operator === 'and' ? '$and' : '$or'
    const parts = [node.left!, node.right!].flatMap((n) => {
      const q = toQuery(n, text)
      return Object.keys(q).length === 1 && op in q ? (q[op] as MongoQuery[]) : [q]
    })
    return { [op]: parts }
  }
  // `not` binds tighter than comparisons in jsep; people mean not (a = b)
  if (node.type === 'BinaryExpression' && node.left?.type === 'UnaryExpression' && node.left.operator === 'not' && node.operator !== 'and' && node.operator !== 'or') {
    return { $nor: [toQuery({ ...node, left: node.left.argument }, text)] }
  }
  if (node.type === 'UnaryExpression' && node.operator === 'not') return { $nor: [toQuery(node.argument!, text)] }
  if (node.type === 'BinaryExpression' && node.operator === 'in') {
    const list = node.right!.type === 'SequenceExpression' ? node.right!.expressions! : [node.right!]
    return { [fieldName(node.left!, text)]: { $in: list.map((n) => literal(n, text)) } }
  }
  if (node.type === 'BinaryExpression' && node.operator && node.operator in COMPARE) {
    const op = COMPARE[node.operator]
    if (isField(node.left!)) return { [fieldName(node.left!, text)]: { [op]: literal(node.right!, text) } }
    return { [fieldName(node.right!, text)]: { [FLIP[op]]: literal(node.left!, text) } }
  }
  if (node.type === 'Compound' && node.body!.length > 1) {
    const at = text.indexOf(snippet(node.body![1]), snippet(node.body![0]).length)
    throw new InvalidInputError(`--filter: unexpected '${snippet(node.body![1])}' at position ${at}: join conditions with and/or; ${HINT}.`)
  }
  throw new InvalidInputError(`--filter: cannot read '${snippet(node)}': ${HINT}.`)
}

const isField = (n: Node) => n.type === 'Identifier' || n.type === 'MemberExpression'

function fieldName(node: Node, text: string): string {
  if (node.type === 'Identifier') return node.name!
  if (node.type === 'MemberExpression' && !node.computed) return `${fieldName(node.object!, text)}.${fieldName(node.property!, text)}`
  if (node.type === 'Literal' && typeof node.value === 'number' && node.raw) return node.raw
  throw new InvalidInputError(`--filter: expected a field name such as metrics.accuracy, found '${snippet(node)}': ${HINT}.`)
}

function literal(node: Node, text: string): unknown {
  if (node.type === 'Literal') return node.value
  if (node.type === 'Identifier') return node.name === 'true' ? true : node.name === 'false' ? false : node.name === 'null' ? null : node.name
  if (node.type === 'UnaryExpression' && node.operator === '-' && node.argument?.type === 'Literal' && typeof node.argument.value === 'number') return -node.argument.value
  if (node.type === 'MemberExpression') return fieldName(node, text)
  throw new InvalidInputError(`--filter: expected a value (number, word or 'quoted text'), found '${snippet(node)}': ${HINT}.`)
}

function snippet(node: Node): string {
  if (node.type === 'Literal') return String(node.raw)
  if (node.type === 'Identifier') return node.name!
  if (node.type === 'Compound') return node.body!.map(snippet).join(' ')
  if (node.type === 'BinaryExpression') return `${snippet(node.left!)} ${node.operator} ${snippet(node.right!)}`
  if (node.type === 'UnaryExpression') return `${node.operator}${snippet(node.argument!)}`
  if (node.type === 'MemberExpression') return `${snippet(node.object!)}.${snippet(node.property!)}`
  return node.type
}
