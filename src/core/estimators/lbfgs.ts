/**
 * Limited-memory BFGS for smooth convex objectives, with a backtracking (Armijo) line search.
 * `evaluate(x, grad)` writes the gradient at x into grad and returns f(x).
 * Stops when the largest gradient entry is at most gtol, after maxIter iterations, or when the line
 * search can no longer decrease f (the optimum reached at machine precision).
 */
export interface LbfgsOptions {
  maxIter: number
  gtol: number
  memory?: number
}

export function lbfgs(evaluate: (x: Float64Array, grad: Float64Array) => number, x0: Float64Array, options: LbfgsOptions): { x: Float64Array; iterations: number } {
  const n = x0.length
  const m = options.memory ?? 10
  const S = Array.from({ length: m }, () => new Float64Array(n))
  const Y = Array.from({ length: m }, () => new Float64Array(n))
  const rho = new Float64Array(m)
  const alpha = new Float64Array(m)
  let stored = 0
  let newest = -1

  let x = Float64Array.from(x0)
  let g = new Float64Array(n)
  let f = evaluate(x, g)
  let xNext = new Float64Array(n)
  let gNext = new Float64Array(n)
  const d = new Float64Array(n)
  let iter = 0
  for (; iter < options.maxIter; iter++) {
    if (maxAbs(g) <= options.gtol) break
    // two-loop recursion: d = −H g
    for (let i = 0; i < n; i++) d[i] = -g[i]
    for (let k = 0; k < stored; k++) {
      const j = (newest - k + m) % m
      alpha[j] = rho[j] * dot(S[j], d)
      axpy(-alpha[j], Y[j], d)
    }
    if (stored > 0) {
      const gamma = dot(S[newest], Y[newest]) / dot(Y[newest], Y[newest])
      for (let i = 0; i < n; i++) d[i] *= gamma
    } else {
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)))
      for (let i = 0; i < n; i++) d[i] *= scale
    }
    for (let k = stored - 1; k >= 0; k--) {
      const j = (newest - k + m) % m
      const beta = rho[j] * dot(Y[j], d)
      axpy(alpha[j] - beta, S[j], d)
    }
    let slope = dot(g, d)
    if (!(slope < 0)) {
      // not a descent direction (rounding): restart from steepest descent
      stored = 0
      for (let i = 0; i < n; i++) d[i] = -g[i]
      slope = dot(g, d)
    }
    let t = 1
    let fNext = Infinity
    let accepted = false
    for (let ls = 0; ls < 60; ls++) {
      for (let i = 0; i < n; i++) xNext[i] = x[i] + t * d[i]
      fNext = evaluate(xNext, gNext)
      if (fNext <= f + 1e-4 * t * slope) {
        accepted = true
        break
      }
      t *= fNext > f + 10 * Math.abs(f) ? 0.1 : 0.5
    }
    if (!accepted) break
    newest = (newest + 1) % m
    const s = S[newest]
    const y = Y[newest]
    for (let i = 0; i < n; i++) {
      s[i] = xNext[i] - x[i]
      y[i] = gNext[i] - g[i]
    }
    const sy = dot(s, y)
    if (sy > 1e-300) {
      rho[newest] = 1 / sy
      stored = Math.min(stored + 1, m)
    } else {
      // no curvature information: drop the pair (its slot held the oldest pair, now overwritten)
      newest = (newest - 1 + m) % m
      if (stored === m) stored = m - 1
    }
    ;[x, xNext] = [xNext, x]
    ;[g, gNext] = [gNext, g]
    f = fNext
  }
  return { x, iterations: iter }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * b[i]
  return s
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i]
}

function maxAbs(v: Float64Array): number {
  let m = 0
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i])
    if (a > m) m = a
  }
  return m
}
