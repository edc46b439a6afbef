/** Number of classes: ctx.nClasses, or more if y holds a larger class index (and a clear error on bad labels). */
export function classCount(y: Float64Array, nClasses: number): number {
  let k = nClasses
  for (const c of y) {
    if (!Number.isInteger(c) || c < 0) throw new Error(`class labels must be indices 0..k-1, got ${c}`)
    if (c + 1 > k) k = c + 1
  }
  return k
}
