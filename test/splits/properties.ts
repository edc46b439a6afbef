import type { Split } from '../../src/core/splits/index.js'

/** Asserts what every split must satisfy: sorted, disjoint, covering 0..n-1, no empty side. */
export function expectPartition(split: Split, n: number): void {
  expect(partitionProblem(split, n)).toBe('')
}

function partitionProblem(split: Split, n: number): string {
  const seen = new Uint8Array(n)
  for (const [name, part] of [['train', split.train], ['test', split.test]] as const) {
    if (part.length === 0) return `${name} is empty`
    for (let i = 0; i < part.length; i++) {
      if (i > 0 && part[i] <= part[i - 1]) return `${name} not strictly ascending at ${i}`
      if (part[i] < 0 || part[i] >= n) return `${name} has row ${part[i]} outside 0..${n - 1}`
      if (seen[part[i]]) return `row ${part[i]} in both train and test`
      seen[part[i]] = 1
    }
  }
  return split.train.length + split.test.length === n ? '' : 'rows missing'
}

/** Each row appears in exactly one test fold. */
export function expectEachRowTestedOnce(splits: Split[], n: number): void {
  const times = new Uint32Array(n)
  for (const s of splits) for (const row of s.test) times[row]++
  expect(Array.from(times).every((t) => t === 1)).toBe(true)
}

export const toArrays = (splits: Split[]) => splits.map((s) => ({ index: s.index, train: Array.from(s.train), test: Array.from(s.test) }))

export const SEEDS = [0, 1, 2, 42, 12345, -7, 2 ** 31 + 5]
