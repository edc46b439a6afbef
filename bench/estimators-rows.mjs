// The estimator benchmark's CSV rows (features, then the target) as padre's matrix and target vector.
import { readFileSync } from 'node:fs'

export function readRows(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n')
  const cols = lines[0].split(',').length - 1
  const X = { rows: lines.length, cols, data: new Float64Array(lines.length * cols) }
  const y = new Float64Array(lines.length)
  lines.forEach((line, i) => {
    const v = line.split(',').map(Number)
    X.data.set(v.slice(0, cols), i * cols)
    y[i] = v[cols]
  })
  return { X, y }
}
