/**
 * Puts training row i at squared distance d into the sorted k-nearest list at `base` of dist2/index,
 * when it is nearer than the current k-th. Strict < keeps the earlier training row ahead on equal
 * distances. Returns whether it went in.
 */
export function insertNeighbour(dist2: Float64Array, index: Int32Array, base: number, k: number, d: number, i: number): boolean {
  if (!(d < dist2[base + k - 1])) return false
  let pos = k - 1
  while (pos > 0 && d < dist2[base + pos - 1]) {
    dist2[base + pos] = dist2[base + pos - 1]
    index[base + pos] = index[base + pos - 1]
    pos--
  }
  dist2[base + pos] = d
  index[base + pos] = i
  return true
}
