import { seededRandom, shuffleInPlace, type Random } from '../random.js'

/** 0..n-1, shuffled by `random` when given. */
export function rowOrder(n: number, random?: Random): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i)
  return random ? shuffleInPlace(order, random) : order
}

export function randomFor(seed: number, shuffle: boolean | undefined): Random | undefined {
  return shuffle === false ? undefined : seededRandom(seed)
}

export function sorted(rows: ArrayLike<number>): Int32Array {
  return Int32Array.from(rows).sort()
}

/** The split whose test rows are `test`; every other row of 0..n-1 trains. */
export function splitFromTest(index: number, n: number, test: ArrayLike<number>) {
  const inTest = new Uint8Array(n)
  for (let i = 0; i < test.length; i++) inTest[test[i]] = 1
  const train = new Int32Array(n - test.length)
  let k = 0
  for (let i = 0; i < n; i++) if (!inTest[i]) train[k++] = i
  return { index, train, test: sorted(test) }
}
