/** The reference for knn searches: every training row in order, the k smallest by (distance summed in feature order, row). */
export function exhaustiveScan(X: Float64Array, rows: number, cols: number, q: Float64Array, k: number): { index: number[]; dist2: number[] } {
  const all = Array.from({ length: rows }, (_, i) => {
    let d = 0
    for (let j = 0; j < cols; j++) d += (X[i * cols + j] - q[j]) ** 2
    return { i, d }
  })
  all.sort((a, b) => a.d - b.d || a.i - b.i)
  return { index: all.slice(0, k).map((n) => n.i), dist2: all.slice(0, k).map((n) => n.d) }
}
