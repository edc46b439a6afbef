/**
 * Sorts values[start, end) ascending and applies the same moves to index[start, end).
 * Introsort: quicksort with a 3-way partition (feature columns repeat values a lot),
 * heapsort once recursion gets too deep, insertion sort for short runs. Not stable.
 */
export function sortPairs(values: Float64Array, index: Int32Array, start: number, end: number): void {
  if (end - start > 1) introsort(values, index, start, end, 2 * Math.floor(Math.log2(end - start)))
}

function introsort(v: Float64Array, ix: Int32Array, start: number, end: number, depthLimit: number): void {
  while (end - start > 16) {
    if (depthLimit-- === 0) {
      heapsort(v, ix, start, end)
      return
    }
    const pivot = median3(v[start], v[(start + end) >>> 1], v[end - 1])
    // [start, lt) < pivot, [lt, i) == pivot, [gt, end) > pivot
    let lt = start
    let i = start
    let gt = end
    while (i < gt) {
      const x = v[i]
      if (x < pivot) swap(v, ix, i++, lt++)
      else if (x > pivot) swap(v, ix, i, --gt)
      else i++
    }
    // Recurse into the smaller side and loop on the larger one to bound the stack.
    if (lt - start < end - gt) {
      introsort(v, ix, start, lt, depthLimit)
      start = gt
    } else {
      introsort(v, ix, gt, end, depthLimit)
      end = lt
    }
  }
  insertionSort(v, ix, start, end)
}

function median3(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a
  return a < c ? a : b < c ? c : b
}

function insertionSort(v: Float64Array, ix: Int32Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const x = v[i]
    const k = ix[i]
    let j = i - 1
    while (j >= start && v[j] > x) {
      v[j + 1] = v[j]
      ix[j + 1] = ix[j]
      j--
    }
    v[j + 1] = x
    ix[j + 1] = k
  }
}

function heapsort(v: Float64Array, ix: Int32Array, start: number, end: number): void {
  const n = end - start
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(v, ix, start, i, n)
  for (let last = n - 1; last > 0; last--) {
    swap(v, ix, start, start + last)
    siftDown(v, ix, start, 0, last)
  }
}

function siftDown(v: Float64Array, ix: Int32Array, offset: number, root: number, n: number): void {
  for (;;) {
    let child = 2 * root + 1
    if (child >= n) return
    if (child + 1 < n && v[offset + child + 1] > v[offset + child]) child++
    if (v[offset + root] >= v[offset + child]) return
    swap(v, ix, offset + root, offset + child)
    root = child
  }
}

function swap(v: Float64Array, ix: Int32Array, a: number, b: number): void {
  const t = v[a]
  v[a] = v[b]
  v[b] = t
  const k = ix[a]
  ix[a] = ix[b]
  ix[b] = k
}
