/**
 * The sign of a.localeCompare(b), without waking ICU's collator (its first use costs a cold command
 * ~10 ms) where the answer is plain: equal strings, or strings whose first difference, after a common
 * ASCII prefix, is between two ASCII digits (timestamps and run names), which ICU orders as their digits.
 * Anything else asks localeCompare.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  let i = 0
  for (; i < n; i++) {
    const x = a.charCodeAt(i)
    if (x !== b.charCodeAt(i)) break
    if (x > 0x7e || x < 0x20) return a.localeCompare(b)
  }
  if (i < n) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x >= 0x30 && x <= 0x39 && y >= 0x30 && y <= 0x39) return x < y ? -1 : 1
  }
  return a.localeCompare(b)
}
