import { InvalidInputError } from '../errors.js'
import type { Split, UserSplit } from './types.js'

/**
 * Checks splits given as index lists (explicit, or returned by a split function) and turns them
 * into sorted Splits: integer rows in 0..n-1, no row twice on a side, train and test disjoint, both non-empty.
 * Rows in neither side are allowed (left out of that split).
 */
export function checkUserSplits(splits: unknown, n: number, where: string): Split[] {
  if (!Array.isArray(splits) || splits.length === 0) {
    throw new InvalidInputError(`${where} must be a non-empty list of { train: [...], test: [...] } row-index lists.`)
  }
  return splits.map((split, i) => checkOne(split, i, n, where))
}

function checkOne(split: unknown, i: number, n: number, where: string): Split {
  const at = `${where}[${i}]`
  if (!split || typeof split !== 'object') throw new InvalidInputError(`${at} must be { train: [...], test: [...] }, not ${JSON.stringify(split)}.`)
  const { train, test } = split as Partial<UserSplit>
  const side = new Uint8Array(n)
  const rows = (name: 'train' | 'test', list: unknown, mark: number): Int32Array => {
    if (!isList(list) || list.length === 0) throw new InvalidInputError(`${at}.${name} must be a non-empty list of row indices.`)
    const out = new Int32Array(list.length)
    for (let k = 0; k < list.length; k++) {
      const row = list[k]
      if (typeof row !== 'number' || !Number.isInteger(row) || row < 0 || row >= n) {
        throw new InvalidInputError(`${at}.${name} holds ${JSON.stringify(row)}: row indices are integers in 0..${n - 1} (the dataset has ${n} rows).`)
      }
      if (side[row] === mark) throw new InvalidInputError(`${at}.${name} lists row ${row} twice.`)
      if (side[row] !== 0) throw new InvalidInputError(`${at}: row ${row} is in both train and test; a row is either trained on or tested.`)
      side[row] = mark
      out[k] = row
    }
    return out.sort()
  }
  return { index: i, train: rows('train', train, 1), test: rows('test', test, 2) }
}

function isList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))
}
