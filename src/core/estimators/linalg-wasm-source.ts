import { F64, I32, op, sleb, uleb, V128 } from './wasm-encode.js'

const I64 = 0x7e

// The source of linalg-wasm.ts's module: WebAssembly kernels for the O(rows × features) loops of the linear estimators (column sums, centring,
// XᵀX with Xᵀy, X·w, the refinement's Xᵀr). Each does the arithmetic of the JavaScript loop it replaces in
// the same order (SIMD lanes only ever hold different entries, never parts of one sum), so the results are
// bit for bit the JavaScript ones; what they save is the first call's time in V8's interpreter (Liftoff
// compiles the module before the first call) and, warm, the loads and stores of two lanes at once.
// Rows in memory are `rb` bytes apart, a multiple of 16 (features zero-padded to an even count).

const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()]
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body]
const name = (s: string): number[] => vector([...Buffer.from(s)].map((b) => [b]))

interface Fn { name: string; params: number[]; results?: number[]; locals: [count: number, type: number][]; body: number[] }

/** A module exporting these functions and its memory 'mem'. */
export function moduleOf(fns: Fn[]): Uint8Array {
  const code = fns.map((fn) => {
    const bytes = [...vector(fn.locals.map(([count, type]) => [...uleb(count), type])), ...fn.body, ...op.end]
    return [...uleb(bytes.length), ...bytes]
  })
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vector(fns.map((fn) => [0x60, ...vector(fn.params.map((t) => [t])), ...vector((fn.results ?? []).map((t) => [t]))]))),
    ...section(3, vector(fns.map((_, i) => uleb(i)))),
    ...section(5, vector([[0x00, 1]])),
    ...section(7, vector([[...name('mem'), 0x02, 0], ...fns.map((fn, i) => [...name(fn.name), 0x00, ...uleb(i)])])),
    ...section(10, vector(code)),
  ])
}

const f64Const = (x: number) => [0x44, ...new Uint8Array(Float64Array.of(x).buffer)]
const k = {
  load: [0x2b, 3, 0],
  store: [0x39, 3, 0],
  add: [0xa0],
  sub: [0xa1],
  mul: [0xa2],
  load2: [0xfd, 0x00, 3, 0],
  store2: [0xfd, 0x0b, 3, 0],
  splat: [0xfd, 0x14],
  add2: [0xfd, ...uleb(0xf0)],
  sub2: [0xfd, ...uleb(0xf1)],
  mul2: [0xfd, ...uleb(0xf2)],
  div2: [0xfd, ...uleb(0xf3)],
  i32Sub: [0x6b],
  i32LtS: [0x48],
  i32GtS: [0x4a],
  i32ShrU: [0x76],
  ifF64: [0x04, F64],
  div: [0xa3],
  truncF64: [0xaa],
  abs: [0x99],
  sqrt: [0x9f],
  eq: [0x61],
  ne: [0x62],
  lt: [0x63],
  le: [0x65],
  i32Ne: [0x47],
  i32Or: [0x72],
  select: [0x1b],
  neg: [0x9a],
  gt: [0x64],
  ge: [0x66],
  trunc: [0x9d],
  fromI32: [0xb8],
  if: [0x04, 0x40],
  return: [0x0f],
  i32GeU: [0x4f],
  i32GtU: [0x4b],
  i32LtU: [0x49],
  i32Eq: [0x46],
  i32Eqz: [0x45],
  i64Bits: [0xbd],
  fromBits: [0xbf],
  wrap: [0xa7],
  extendU: [0xad],
  i64ShrU: [0x88],
  i64Shl: [0x86],
  i64Const: (n: number) => [0x42, ...sleb(n)],
  i32ShrS: [0x75],
  i32Xor: [0x73],
  i64Or: [0x84],
  fromI32S: [0xb7],
  call: (f: number) => [0x10, ...uleb(f)],
  else: [0x05],
}
const get = op.get
const set = op.set
const add = (local: number, n: number[]) => [...get(local), ...n, ...op.i32Add, ...set(local)]
const addConst = (local: number, n: number) => add(local, op.i32(n))
/** while (exit is false) body */
const loop = (exit: number[], body: number[]) => [...op.block, ...op.loop, ...exit, ...op.brIf(1), ...body, ...op.br(0), ...op.end, ...op.end]
/** local >= limit, as the loop's exit */
const done = (local: number, limit: number[]) => [...get(local), ...limit, ...op.i32GeS]

// colsums(x, n, rb, out): out[j] += x[i][j] for each row i in order (out starts at whatever is there).
// centre(x, n, rb, m): x[i][j] −= m[j]. divide(x, n, rb, s): x[i][j] /= s[j].
function rowsOfPairs(body: (row: number, j: number) => number[]): Fn['body'] {
  const [x, n, rb, i, j, row] = [0, 1, 2, 4, 5, 6]
  return [
    ...get(x), ...set(row), ...op.i32(0), ...set(i),
    ...loop(done(i, get(n)), [
      ...op.i32(0), ...set(j),
      ...loop(done(j, get(rb)), [...body(row, j), ...addConst(j, 16)]),
      ...add(row, get(rb)), ...addConst(i, 1),
    ]),
  ]
}
const at = (base: number, j: number) => [...get(base), ...get(j), ...op.i32Add]
const colsums: Fn = {
  name: 'colsums', params: [I32, I32, I32, I32], locals: [[3, I32]],
  body: rowsOfPairs((row, j) => [...at(3, j), ...at(3, j), ...k.load2, ...at(row, j), ...k.load2, ...k.add2, ...k.store2]),
}
const divide: Fn = {
  name: 'divide', params: [I32, I32, I32, I32], locals: [[3, I32]],
  body: rowsOfPairs((row, j) => [...at(row, j), ...at(row, j), ...k.load2, ...at(3, j), ...k.load2, ...k.div2, ...k.store2]),
}
const centre: Fn = {
  name: 'centre', params: [I32, I32, I32, I32], locals: [[3, I32]],
  body: rowsOfPairs((row, j) => [...at(row, j), ...at(row, j), ...k.load2, ...at(3, j), ...k.load2, ...k.sub2, ...k.store2]),
}

// spread(x, n, p, P, y): rows stored p values apart become P > p apart (in place, last row first, two
// values at a time from the row's end: each store lands above what is still to be read), column p then
// y[i] (y a byte offset; −1: 0) and the columns after it 0. For odd p the last pair carries one value past
// the row into column p, which is then overwritten.
const spread: Fn = (() => {
  const [x, n, p, P, y, i, j, src, dst] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
  const rowAt = (stride: number) => [...get(x), ...get(i), ...get(stride), ...op.i32Mul, ...op.i32(3), ...op.i32Shl, ...op.i32Add]
  const cell = (base: number) => [...get(base), ...get(j), ...op.i32(3), ...op.i32Shl, ...op.i32Add]
  return {
    name: 'spread', params: [I32, I32, I32, I32, I32], locals: [[4, I32]],
    body: [
      ...get(n), ...op.i32(1), ...k.i32Sub, ...set(i),
      ...loop([...get(i), ...op.i32(0), ...k.i32LtS], [
        ...rowAt(p), ...set(src), ...rowAt(P), ...set(dst),
        ...get(p), ...op.i32(1), ...k.i32Sub, ...op.i32(-2), ...op.i32And, ...set(j),
        ...loop([...get(j), ...op.i32(0), ...k.i32LtS], [
          ...cell(dst), ...cell(src), ...k.load2, ...k.store2,
          ...addConst(j, -2),
        ]),
        ...get(p), ...set(j),
        ...cell(dst),
        ...get(y), ...op.i32(0), ...k.i32LtS, ...k.ifF64, ...f64Const(0), ...k.else, ...get(y), ...get(i), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...k.load, ...op.end,
        ...k.store,
        ...addConst(j, 1),
        ...loop(done(j, get(P)), [...cell(dst), ...f64Const(0), ...k.store, ...addConst(j, 1)]),
        ...addConst(i, -1),
      ]),
    ],
  }
})()

// setcol(x, n, rb, col, y): x[i] at byte col = y[i].
const setcol: Fn = (() => {
  const [x, n, rb, col, y, i, row] = [0, 1, 2, 3, 4, 5, 6]
  return {
    name: 'setcol', params: [I32, I32, I32, I32, I32], locals: [[2, I32]],
    body: [
      ...get(x), ...get(col), ...op.i32Add, ...set(row), ...op.i32(0), ...set(i),
      ...loop(done(i, get(n)), [
        ...get(row), ...get(y), ...get(i), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...k.load, ...k.store,
        ...add(row, get(rb)), ...addConst(i, 1),
      ]),
    ],
  }
})()

// gram(x, n, rb, G): G[a][b] += u[a]·u[b] + v[a]·v[b] for rows u, v in pairs (a last odd row: u[a]·u[b]),
// for b from a rounded down to even (the entries below the diagonal are mirrored by the caller). G is
// P × P at rb bytes a row, like linalg's gram and centredNormalEquations.
const gram: Fn = (() => {
  const [x, n, rb, G, i, u, v, a, b, g] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
  const [ua, va] = [10, 11]
  const pass = (pair: boolean) => [
    ...get(u), ...get(rb), ...op.i32Add, ...set(v),
    ...op.i32(0), ...set(a),
    ...loop(done(a, get(rb)), [
      ...at(u, a), ...k.load, ...k.splat, ...set(ua),
      ...(pair ? [...at(v, a), ...k.load, ...k.splat, ...set(va)] : []),
      ...get(G), ...get(a), ...op.i32(3), ...k.i32ShrU, ...get(rb), ...op.i32Mul, ...op.i32Add, ...set(g),
      ...get(a), ...op.i32(-16), ...op.i32And, ...set(b),
      ...loop(done(b, get(rb)), [
        ...at(g, b), ...at(g, b), ...k.load2,
        ...get(ua), ...at(u, b), ...k.load2, ...k.mul2,
        ...(pair ? [...get(va), ...at(v, b), ...k.load2, ...k.mul2, ...k.add2] : []),
        ...k.add2, ...k.store2,
        ...addConst(b, 16),
      ]),
      ...addConst(a, 8),
    ]),
  ]
  return {
    name: 'gram', params: [I32, I32, I32, I32], locals: [[6, I32], [2, V128]],
    body: [
      ...get(x), ...set(u), ...op.i32(0), ...set(i),
      ...loop([...get(i), ...op.i32(2), ...op.i32Add, ...get(n), ...k.i32GtS], [
        ...pass(true), ...add(u, [...get(rb), ...op.i32(1), ...op.i32Shl]), ...addConst(i, 2),
      ]),
      ...loop(done(i, get(n)), [...pass(false), ...add(u, get(rb)), ...addConst(i, 1)]),
    ],
  }
})()

// residual(x, n, rb, pb, w, out): per row r = x[i] at byte pb − Σ x[i][j]·w[j] (feature order), then
// out[j] += x[i][j]·r for every column of the row (the caller reads the first p).
const residual: Fn = (() => {
  const [x, n, rb, pb, w, out, i, j, row, r, r2] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  return {
    name: 'residual', params: [I32, I32, I32, I32, I32, I32], locals: [[3, I32], [1, F64], [1, V128]],
    body: [
      ...get(x), ...set(row), ...op.i32(0), ...set(i),
      ...loop(done(i, get(n)), [
        ...at(row, pb), ...k.load, ...set(r), ...op.i32(0), ...set(j),
        ...loop(done(j, get(pb)), [...get(r), ...at(row, j), ...k.load, ...at(w, j), ...k.load, ...k.mul, ...k.sub, ...set(r), ...addConst(j, 8)]),
        ...get(r), ...k.splat, ...set(r2), ...op.i32(0), ...set(j),
        ...loop(done(j, get(rb)), [...at(out, j), ...at(out, j), ...k.load2, ...at(row, j), ...k.load2, ...get(r2), ...k.mul2, ...k.add2, ...k.store2, ...addConst(j, 16)]),
        ...add(row, get(rb)), ...addConst(i, 1),
      ]),
    ],
  }
})()

// classsums(x, n, rb, y, out): out[y[i]][j] += x[i][j] (y float64 class indices, out rows rb bytes apart).
// classsqdev(x, n, rb, y, m, out): out[y[i]][j] += (x[i][j] − m[y[i]][j])².
const classRow = (y: number, i: number, base: number, rb: number) => [
  ...get(base), ...get(y), ...get(i), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...k.load, ...k.truncF64, ...get(rb), ...op.i32Mul, ...op.i32Add,
]
function byClass(params: number, body: (row: number, j: number, o: number, mo: number) => number[], withMeans: boolean): Fn {
  const [x, n, rb, y] = [0, 1, 2, 3]
  const out = params - 1
  const [i, j, row, o, mo] = [params, params + 1, params + 2, params + 3, params + 4]
  return {
    name: '', params: new Array<number>(params).fill(I32), locals: [[5, I32], [1, V128]],
    body: [
      ...get(x), ...set(row), ...op.i32(0), ...set(i),
      ...loop(done(i, get(n)), [
        ...classRow(y, i, out, rb), ...set(o),
        ...(withMeans ? [...classRow(y, i, 4, rb), ...set(mo)] : []),
        ...op.i32(0), ...set(j),
        ...loop(done(j, get(rb)), [...body(row, j, o, mo), ...addConst(j, 16)]),
        ...add(row, get(rb)), ...addConst(i, 1),
      ]),
    ],
  }
}
const classsums: Fn = { ...byClass(5, (row, j, o) => [...at(o, j), ...at(o, j), ...k.load2, ...at(row, j), ...k.load2, ...k.add2, ...k.store2], false), name: 'classsums' }
const classsqdev: Fn = {
  ...byClass(6, (row, j, o, mo) => [
    ...at(o, j), ...at(o, j), ...k.load2,
    ...at(row, j), ...k.load2, ...at(mo, j), ...k.load2, ...k.sub2, ...op.tee(11), ...get(11), ...k.mul2,
    ...k.add2, ...k.store2,
  ], true),
  name: 'classsqdev',
}

// jll(x, n, rb, pb, K, m, v, bias, out): out[i][c] = bias[c] − 0.5 · Σ_j (x[i][j] − m[c][j])² / v[c][j]
// (feature order; m and v K rows of pb bytes), gaussianNB's joint log-likelihood.
const jll: Fn = (() => {
  const [x, n, rb, pb, K, m, v, bias, out, i, c, j, row, mo, o, s, t] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
  return {
    name: 'jll', params: new Array<number>(9).fill(I32), locals: [[6, I32], [2, F64]],
    body: [
      ...get(x), ...set(row), ...get(out), ...set(o), ...op.i32(0), ...set(i),
      ...loop(done(i, get(n)), [
        ...op.i32(0), ...set(c), ...op.i32(0), ...set(mo),
        ...loop(done(c, get(K)), [
          ...f64Const(0), ...set(s), ...op.i32(0), ...set(j),
          ...loop(done(j, get(pb)), [
            ...at(row, j), ...k.load, ...get(m), ...get(mo), ...op.i32Add, ...get(j), ...op.i32Add, ...k.load, ...k.sub, ...op.tee(t), ...get(t), ...k.mul,
            ...get(v), ...get(mo), ...op.i32Add, ...get(j), ...op.i32Add, ...k.load, ...k.div,
            ...get(s), ...k.add, ...set(s),
            ...addConst(j, 8),
          ]),
          ...get(o), ...get(bias), ...get(c), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...k.load, ...f64Const(0.5), ...get(s), ...k.mul, ...k.sub, ...k.store,
          ...addConst(o, 8), ...add(mo, get(pb)), ...addConst(c, 1),
        ]),
        ...add(row, get(rb)), ...addConst(i, 1),
      ]),
    ],
  }
})()

// xtr(x, n, rb, r, out): out[j] += x[i][j]·r[i], rows in order (logisticRegression's gradient; a column
// of ones gives Σ r).
const xtr: Fn = (() => {
  const [x, n, rb, r, out, i, j, row, rv] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
  return {
    name: 'xtr', params: [I32, I32, I32, I32, I32], locals: [[3, I32], [1, V128]],
    body: [
      ...get(x), ...set(row), ...op.i32(0), ...set(i),
      ...loop(done(i, get(n)), [
        ...get(r), ...get(i), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...k.load, ...k.splat, ...set(rv), ...op.i32(0), ...set(j),
        ...loop(done(j, get(rb)), [...at(out, j), ...at(out, j), ...k.load2, ...at(row, j), ...k.load2, ...get(rv), ...k.mul2, ...k.add2, ...k.store2, ...addConst(j, 16)]),
        ...add(row, get(rb)), ...addConst(i, 1),
      ]),
    ],
  }
})()

// linear4(x, n, rb, pb, w, out): out[i] = w[p] + Σ over groups of four features (w0·x0 + w1·x1 + w2·x2 +
// w3·x3), then + w·x for the last p mod 4, in feature order (logisticRegression's linear map).
const linear4: Fn = (() => {
  const [x, n, rb, pb, w, out, i, j, row, o, full, s] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
  // f64.load with a constant offset d
  const xAt = (d: number) => [...get(row), ...get(j), ...op.i32Add, 0x2b, 3, ...uleb(d)]
  const wAt = (d: number) => [...get(w), ...get(j), ...op.i32Add, 0x2b, 3, ...uleb(d)]
  const product = (d: number) => [...wAt(d), ...xAt(d), ...k.mul]
  return {
    name: 'linear4', params: [I32, I32, I32, I32, I32, I32], locals: [[5, I32], [1, F64]],
    body: [
      ...get(x), ...set(row), ...get(out), ...set(o), ...op.i32(0), ...set(i),
      ...get(pb), ...op.i32(-32), ...op.i32And, ...set(full),
      ...loop(done(i, get(n)), [
        ...get(w), ...get(pb), ...op.i32Add, ...k.load, ...set(s), ...op.i32(0), ...set(j),
        ...loop(done(j, get(full)), [
          ...get(s), ...product(0), ...product(8), ...k.add, ...product(16), ...k.add, ...product(24), ...k.add, ...k.add, ...set(s),
          ...addConst(j, 32),
        ]),
        ...loop(done(j, get(pb)), [...get(s), ...product(0), ...k.add, ...set(s), ...addConst(j, 8)]),
        ...get(o), ...get(s), ...k.store,
        ...add(row, get(rb)), ...addConst(o, 8), ...addConst(i, 1),
      ]),
    ],
  }
})()

// standardise(x, n, pb, m, s): x[i][j] = (x[i][j] − m[j]) / s[j] on unpadded rows (pb bytes each).
const standardise: Fn = (() => {
  const [x, n, pb, m, sc, i, j, row] = [0, 1, 2, 3, 4, 5, 6, 7]
  return {
    name: 'standardise', params: [I32, I32, I32, I32, I32], locals: [[3, I32]],
    body: [
      ...get(x), ...set(row), ...op.i32(0), ...set(i),
      ...loop(done(i, get(n)), [
        ...op.i32(0), ...set(j),
        ...loop(done(j, get(pb)), [
          ...at(row, j), ...at(row, j), ...k.load, ...at(m, j), ...k.load, ...k.sub, ...at(sc, j), ...k.load, ...k.div, ...k.store,
          ...addConst(j, 8),
        ]),
        ...add(row, get(pb)), ...addConst(i, 1),
      ]),
    ],
  }
})()

// scores(x, n, rb, pb, W, kb, b, out): out[i][c] = b[c] + Σ_j x[i][j]·W[j][c] summed in feature order, two
// columns c per f64x2 (W p rows of kb bytes, kb a multiple of 16; out rows kb bytes apart).
const scores: Fn = (() => {
  const [x, n, rb, pb, W, kb, b, out, i, j, c, row, o, wj, acc] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
  return {
    name: 'scores', params: new Array<number>(8).fill(I32), locals: [[6, I32], [1, V128]],
    body: [
      ...get(x), ...set(row), ...get(out), ...set(o), ...op.i32(0), ...set(i),
      ...loop(done(i, get(n)), [
        ...op.i32(0), ...set(c),
        ...loop(done(c, get(kb)), [
          ...at(b, c), ...k.load2, ...set(acc),
          ...get(W), ...get(c), ...op.i32Add, ...set(wj), ...op.i32(0), ...set(j),
          ...loop(done(j, get(pb)), [
            ...get(acc), ...at(row, j), ...k.load, ...k.splat, ...get(wj), ...k.load2, ...k.mul2, ...k.add2, ...set(acc),
            ...add(wj, get(kb)), ...addConst(j, 8),
          ]),
          ...at(o, c), ...get(acc), ...k.store2,
          ...addConst(c, 16),
        ]),
        ...add(row, get(rb)), ...add(o, get(kb)), ...addConst(i, 1),
      ]),
    ],
  }
})()

// jacobi(A, V, n): linalg's symmetricEigen's sweeps on A (n × n, overwritten) and V (the identity on
// entry), the same operations in the same order; the caller sorts the eigenvalues.
const jacobi: Fn = (() => {
  const [A, V, n, sweep, i, j, p, q, kk, pp, pq, step, nb] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  const [off, total, apq, g, theta, t, c, s, x, y, ap, aq] = [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]
  const cell = (M: number, r: number[], col: number[]) => [...get(M), ...r, ...get(n), ...op.i32Mul, ...col, ...op.i32Add, ...op.i32(3), ...op.i32Shl, ...op.i32Add]
  const load = (M: number, r: number, col: number) => [...cell(M, get(r), get(col)), ...k.load]
  // for k < n: x = *P, y = *Q; *P = c·x − s·y; *Q = s·x + c·y; P, Q += step
  const rotate = (M: number, rows: boolean) => [
    ...(rows
      ? [...cell(M, get(p), op.i32(0)), ...set(pp), ...cell(M, get(q), op.i32(0)), ...set(pq), ...op.i32(8), ...set(step)]
      : [...cell(M, op.i32(0), get(p)), ...set(pp), ...cell(M, op.i32(0), get(q)), ...set(pq), ...get(nb), ...set(step)]),
    ...op.i32(0), ...set(kk),
    ...loop(done(kk, get(n)), [
      ...get(pp), ...k.load, ...set(x), ...get(pq), ...k.load, ...set(y),
      ...get(pp), ...get(c), ...get(x), ...k.mul, ...get(s), ...get(y), ...k.mul, ...k.sub, ...k.store,
      ...get(pq), ...get(s), ...get(x), ...k.mul, ...get(c), ...get(y), ...k.mul, ...k.add, ...k.store,
      ...add(pp, get(step)), ...add(pq, get(step)), ...addConst(kk, 1),
    ]),
  ]
  const pair = [
    // a block per (p, q): br 0 leaves it ("continue")
    ...op.block,
    ...load(A, p, q), ...op.tee(apq), ...f64Const(0), ...k.eq, ...op.brIf(0),
    ...f64Const(100), ...get(apq), ...k.abs, ...k.mul, ...set(g),
    ...load(A, p, p), ...k.abs, ...set(ap), ...load(A, q, q), ...k.abs, ...set(aq),
    ...op.block,
    ...get(sweep), ...op.i32(3), ...k.i32GtS,
    ...get(ap), ...get(g), ...k.add, ...get(ap), ...k.eq, ...op.i32And,
    ...get(aq), ...get(g), ...k.add, ...get(aq), ...k.eq, ...op.i32And,
    0x45, ...op.brIf(0), // i32.eqz: not negligible, go rotate
    ...cell(A, get(p), get(q)), ...f64Const(0), ...k.store, ...cell(A, get(q), get(p)), ...f64Const(0), ...k.store,
    ...op.br(1),
    ...op.end,
    ...load(A, q, q), ...load(A, p, p), ...k.sub, ...f64Const(2), ...get(apq), ...k.mul, ...k.div, ...set(theta),
    ...f64Const(-1), ...f64Const(1), ...get(theta), ...f64Const(0), ...k.lt, ...k.select,
    ...get(theta), ...k.abs, ...get(theta), ...get(theta), ...k.mul, ...f64Const(1), ...k.add, ...k.sqrt, ...k.add, ...k.div, ...set(t),
    ...f64Const(1), ...get(t), ...get(t), ...k.mul, ...f64Const(1), ...k.add, ...k.sqrt, ...k.div, ...set(c),
    ...get(t), ...get(c), ...k.mul, ...set(s),
    ...rotate(A, false), ...rotate(A, true), ...rotate(V, false),
    ...op.end,
  ]
  return {
    name: 'jacobi', params: [I32, I32, I32], locals: [[10, I32], [12, F64]],
    body: [
      ...get(n), ...op.i32(3), ...op.i32Shl, ...set(nb),
      ...op.i32(0), ...set(sweep),
      ...loop(done(sweep, op.i32(100)), [
        ...f64Const(0), ...set(off), ...f64Const(0), ...set(total), ...op.i32(0), ...set(i),
        ...loop(done(i, get(n)), [
          ...op.i32(0), ...set(j),
          ...loop(done(j, get(n)), [
            ...load(A, i, j), ...op.tee(x), ...get(x), ...k.mul, ...set(y),
            ...get(total), ...get(y), ...k.add, ...set(total),
            ...get(off), ...get(y), ...k.add, ...get(off), ...get(i), ...get(j), ...k.i32Ne, ...k.select, ...set(off),
            ...addConst(j, 1),
          ]),
          ...addConst(i, 1),
        ]),
        // converged: leave the sweeps (the loop helper's block is 2 levels out from here)
        ...get(off), ...f64Const(0), ...k.eq, ...get(off), ...f64Const(1e-32), ...get(total), ...k.mul, ...k.le, ...k.i32Or, ...op.brIf(1),
        ...op.i32(0), ...set(p),
        ...loop([...get(p), ...op.i32(1), ...op.i32Add, ...get(n), ...op.i32GeS], [
          ...get(p), ...op.i32(1), ...op.i32Add, ...set(q),
          ...loop(done(q, get(n)), [...pair, ...addConst(q, 1)]),
          ...addConst(p, 1),
        ]),
        ...addConst(sweep, 1),
      ]),
    ],
  }
})()

// signflip(x, n, rb, kb, flags): per column c (byte offset < kb) of the n rows, the first row with the
// largest |x| (NaN never); when its value is negative the column is negated and flags[c] = 1, else 0
// (pca's svd_flip, as pca.ts did it in JavaScript).
const signflip: Fn = (() => {
  const [x, n, rb, kb, flags, c, i, ptr, best, more, a, bestAbs] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
  return {
    name: 'signflip', params: [I32, I32, I32, I32, I32], locals: [[5, I32], [2, F64]],
    body: [
      ...op.i32(0), ...set(c),
      ...loop(done(c, get(kb)), [
        ...get(x), ...get(c), ...op.i32Add, ...op.tee(ptr), ...set(best), ...f64Const(-1), ...set(bestAbs), ...op.i32(0), ...set(i),
        ...loop(done(i, get(n)), [
          ...get(ptr), ...k.load, ...k.abs, ...op.tee(a), ...get(bestAbs), ...k.gt, ...set(more),
          ...get(ptr), ...get(best), ...get(more), ...k.select, ...set(best),
          ...get(a), ...get(bestAbs), ...get(more), ...k.select, ...set(bestAbs),
          ...add(ptr, get(rb)), ...addConst(i, 1),
        ]),
        ...get(best), ...k.load, ...f64Const(0), ...k.lt, ...set(more),
        ...get(flags), ...get(c), ...op.i32Add, ...get(more), ...k.fromI32, ...k.store,
        ...get(more), ...k.if,
        ...get(x), ...get(c), ...op.i32Add, ...set(ptr), ...op.i32(0), ...set(i),
        ...loop(done(i, get(n)), [...get(ptr), ...get(ptr), ...k.load, ...k.neg, ...k.store, ...add(ptr, get(rb)), ...addConst(i, 1)]),
        ...op.end,
        ...addConst(c, 8),
      ]),
    ],
  }
})()

// exp(x): V8's Math.exp (fdlibm's __ieee754_exp as in V8's src/base/ieee754.cc), operation for operation,
// so that the softmax below gives JavaScript's values bit for bit (checked against Math.exp by the tests).
const expFn: Fn = (() => {
  const [x, hx, xsb, e, hi, lo, c, t, y, twopk, bits] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  const ret = (v: number[]) => [...v, ...k.return]
  const ifThen = (cond: number[], then: number[]) => [...cond, ...k.if, ...then, ...op.end]
  const ifElse = (cond: number[], then: number[], other: number[]) => [...cond, ...k.if, ...then, ...k.else, ...other, ...op.end]
  const c64 = f64Const
  const twoToK = (shift: number[]) => [
    ...op.i32(0x3ff00000), ...shift, ...op.i32(20), ...op.i32Shl, ...op.i32Add, ...k.extendU, ...k.i64Const(32), ...k.i64Shl, ...k.fromBits, ...set(twopk),
  ]
  return {
    name: 'exp', params: [F64], results: [F64], locals: [[3, I32], [6, F64], [1, I64]],
    body: [
      ...get(x), ...k.i64Bits, ...set(bits),
      ...get(bits), ...k.i64Const(32), ...k.i64ShrU, ...k.wrap, ...set(hx),
      ...get(hx), ...op.i32(31), ...k.i32ShrU, ...set(xsb),
      ...get(hx), ...op.i32(0x7fffffff), ...op.i32And, ...set(hx),
      ...ifThen([...get(hx), ...op.i32(0x40862e42), ...k.i32GeU], [
        ...ifThen([...get(hx), ...op.i32(0x7ff00000), ...k.i32GeU], [
          ...ifThen([...get(hx), ...op.i32(0xfffff), ...op.i32And, ...get(bits), ...k.wrap, ...k.i32Or], ret([...get(x), ...get(x), ...k.add])),
          ...ret([...get(x), ...c64(0), ...get(xsb), ...k.i32Eqz, ...k.select]),
        ]),
        ...ifThen([...get(x), ...c64(7.09782712893383973096e+02), ...k.gt], ret([...c64(1e300), ...c64(1e300), ...k.mul])),
        ...ifThen([...get(x), ...c64(-7.45133219101941108420e+02), ...k.lt], ret([...c64(9.33263618503218878990e-302), ...c64(9.33263618503218878990e-302), ...k.mul])),
      ]),
      ...ifElse([...get(hx), ...op.i32(0x3fd62e42), ...k.i32GtU], [
        ...ifElse([...get(hx), ...op.i32(0x3ff0a2b2), ...k.i32LtU], [
          ...ifThen([...get(x), ...c64(1), ...k.eq], ret(c64(2.718281828459045))),
          ...get(x), ...c64(-6.93147180369123816490e-01), ...c64(6.93147180369123816490e-01), ...get(xsb), ...k.select, ...k.sub, ...set(hi),
          ...c64(-1.90821492927058770002e-10), ...c64(1.90821492927058770002e-10), ...get(xsb), ...k.select, ...set(lo),
          ...op.i32(1), ...get(xsb), ...k.i32Sub, ...get(xsb), ...k.i32Sub, ...set(e),
        ], [
          ...c64(1.44269504088896338700e+00), ...get(x), ...k.mul, ...c64(-0.5), ...c64(0.5), ...get(xsb), ...k.select, ...k.add, ...k.truncF64, ...set(e),
          ...get(e), ...k.fromI32S, ...set(t),
          ...get(x), ...get(t), ...c64(6.93147180369123816490e-01), ...k.mul, ...k.sub, ...set(hi),
          ...get(t), ...c64(1.90821492927058770002e-10), ...k.mul, ...set(lo),
        ]),
        ...get(hi), ...get(lo), ...k.sub, ...set(x),
      ], [
        ...ifThen([...get(hx), ...op.i32(0x3e300000), ...k.i32LtU], [
          ...ifThen([...c64(1e300), ...get(x), ...k.add, ...c64(1), ...k.gt], ret([...c64(1), ...get(x), ...k.add])),
        ]),
        ...op.i32(0), ...set(e),
      ]),
      ...get(x), ...get(x), ...k.mul, ...set(t),
      ...ifElse([...get(e), ...op.i32(-1021), ...op.i32GeS], twoToK(get(e)), twoToK([...get(e), ...op.i32(1000), ...op.i32Add])),
      ...get(x),
      ...get(t), ...c64(1.66666666666666019037e-01),
      ...get(t), ...c64(-2.77777777770155933842e-03),
      ...get(t), ...c64(6.61375632143793436117e-05),
      ...get(t), ...c64(-1.65339022054652515390e-06),
      ...get(t), ...c64(4.13813679705723846039e-08), ...k.mul,
      ...k.add, ...k.mul, ...k.add, ...k.mul, ...k.add, ...k.mul, ...k.add, ...k.mul, ...k.sub, ...set(c),
      ...ifThen([...get(e), ...k.i32Eqz], ret([...c64(1), ...get(x), ...get(c), ...k.mul, ...get(c), ...c64(2), ...k.sub, ...k.div, ...get(x), ...k.sub, ...k.sub])),
      ...c64(1), ...get(lo), ...get(x), ...get(c), ...k.mul, ...c64(2), ...get(c), ...k.sub, ...k.div, ...k.sub, ...get(hi), ...k.sub, ...k.sub, ...set(y),
      ...ifThen([...get(e), ...op.i32(-1021), ...op.i32GeS], [
        ...ifThen([...get(e), ...op.i32(1024), ...k.i32Eq], ret([...get(y), ...c64(2), ...k.mul, ...c64(8.988465674311579539e307), ...k.mul])),
        ...ret([...get(y), ...get(twopk), ...k.mul]),
      ]),
      ...get(y), ...get(twopk), ...k.mul, ...c64(9.33263618503218878990e-302), ...k.mul,
    ],
  }
})()

// softmax(z, n, K, labels, state): logisticRegression's softmax loss from row state[2] on, as its
// JavaScript loop: per row the largest term, f += max − z[label], z[c] = exp(z[c] − max) (1 for the
// largest), product *= their sum, then the residuals softmax − one-hot (z class-major, n values a class;
// labels float64). It stops after a row whose product passes 1e280 so the caller adds its log (WebAssembly
// has none): state = [f, product, next row, 1 if stopped there else 0].
function softmaxFn(exp: number): Fn {
  const [z, n, K, labels, st, i, c, top, label, nb, base, f, product, max, sum, v, inv] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
  const zc = (cls: number) => [...get(base), ...get(cls), ...get(nb), ...op.i32Mul, ...op.i32Add]
  const state = (offset: number, value: number[]) => [...get(st), ...value, 0x39, 3, ...uleb(offset)]
  return {
    name: 'softmax', params: [I32, I32, I32, I32, I32], locals: [[6, I32], [6, F64]],
    body: [
      ...get(n), ...op.i32(3), ...op.i32Shl, ...set(nb),
      ...get(st), ...k.load, ...set(f), ...get(st), 0x2b, 3, 8, ...set(product), ...get(st), 0x2b, 3, 16, ...k.truncF64, ...set(i),
      ...state(24, f64Const(0)),
      ...loop(done(i, get(n)), [
        ...get(z), ...get(i), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...set(base),
        ...op.i32(0), ...set(top), ...op.i32(1), ...set(c),
        ...loop(done(c, get(K)), [
          ...zc(c), ...k.load, ...zc(top), ...k.load, ...k.gt, ...k.if, ...get(c), ...set(top), ...op.end,
          ...addConst(c, 1),
        ]),
        ...zc(top), ...k.load, ...set(max),
        ...get(labels), ...get(i), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...k.load, ...k.truncF64, ...set(label),
        ...get(f), ...get(max), ...zc(label), ...k.load, ...k.sub, ...k.add, ...set(f),
        ...f64Const(0), ...set(sum), ...op.i32(0), ...set(c),
        ...loop(done(c, get(K)), [
          ...get(c), ...get(top), ...k.i32Eq, ...k.ifF64, ...f64Const(1), ...k.else, ...zc(c), ...k.load, ...get(max), ...k.sub, ...k.call(exp), ...op.end, ...set(v),
          ...zc(c), ...get(v), ...k.store,
          ...get(sum), ...get(v), ...k.add, ...set(sum),
          ...addConst(c, 1),
        ]),
        ...get(product), ...get(sum), ...k.mul, ...set(product),
        ...f64Const(1), ...get(sum), ...k.div, ...set(inv),
        ...op.i32(0), ...set(c),
        ...loop(done(c, get(K)), [...zc(c), ...zc(c), ...k.load, ...get(inv), ...k.mul, ...k.store, ...addConst(c, 1)]),
        ...zc(label), ...zc(label), ...k.load, ...f64Const(1), ...k.sub, ...k.store,
        ...addConst(i, 1),
        ...get(product), ...f64Const(1e280), ...k.gt, ...k.if,
        ...state(0, get(f)), ...state(8, get(product)), ...state(16, [...get(i), ...k.fromI32S]), ...state(24, f64Const(1)), ...k.return,
        ...op.end,
      ]),
      ...state(0, get(f)), ...state(8, get(product)), ...state(16, [...get(i), ...k.fromI32S]),
    ],
  }
}

// log(x): V8's Math.log (fdlibm's __ieee754_log as in V8's src/base/ieee754.cc), operation for operation,
// so that gaussianNB's probabilities are JavaScript's bit for bit (checked against Math.log by the tests).
const logFn: Fn = (() => {
  const [x, hx, kk, i, j, f, s, z, R, w, t1, t2, dk, hfsq, bits] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
  const ret = (v: number[]) => [...v, ...k.return]
  const ifThen = (cond: number[], then: number[]) => [...cond, ...k.if, ...then, ...op.end]
  const c64 = f64Const
  const [ln2Hi, ln2Lo, two54] = [6.93147180369123816490e-01, 1.90821492927058770002e-10, 1.80143985094819840000e+16]
  const [Lg1, Lg2, Lg3, Lg4, Lg5, Lg6, Lg7] = [
    6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
    1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01,
  ]
  const highWord = [...get(bits), ...k.i64Const(32), ...k.i64ShrU, ...k.wrap, ...set(hx)]
  const kIsZero = [...get(kk), ...k.i32Eqz]
  const dkLn2Hi = [...get(dk), ...c64(ln2Hi), ...k.mul]
  const dkLn2Lo = [...get(dk), ...c64(ln2Lo), ...k.mul]
  return {
    name: 'log', params: [F64], results: [F64], locals: [[4, I32], [9, F64], [1, I64]],
    body: [
      ...get(x), ...k.i64Bits, ...set(bits), ...highWord,
      ...op.i32(0), ...set(kk),
      ...ifThen([...get(hx), ...op.i32(0x00100000), ...k.i32LtS], [
        ...ifThen([...get(hx), ...op.i32(0x7fffffff), ...op.i32And, ...get(bits), ...k.wrap, ...k.i32Or, ...k.i32Eqz], ret([...c64(-two54), ...c64(0), ...k.div])),
        ...ifThen([...get(hx), ...op.i32(0), ...k.i32LtS], ret([...get(x), ...get(x), ...k.sub, ...c64(0), ...k.div])),
        ...op.i32(-54), ...set(kk),
        ...get(x), ...c64(two54), ...k.mul, ...set(x),
        ...get(x), ...k.i64Bits, ...set(bits), ...highWord,
      ]),
      ...ifThen([...get(hx), ...op.i32(0x7ff00000), ...op.i32GeS], ret([...get(x), ...get(x), ...k.add])),
      ...get(kk), ...get(hx), ...op.i32(20), ...k.i32ShrS, ...op.i32(1023), ...k.i32Sub, ...op.i32Add, ...set(kk),
      ...get(hx), ...op.i32(0x000fffff), ...op.i32And, ...set(hx),
      ...get(hx), ...op.i32(0x95f64), ...op.i32Add, ...op.i32(0x100000), ...op.i32And, ...set(i),
      // the high word of x set to hx | (i ^ 0x3ff00000): x or x/2 normalised
      ...get(hx), ...get(i), ...op.i32(0x3ff00000), ...k.i32Xor, ...k.i32Or, ...k.extendU, ...k.i64Const(32), ...k.i64Shl,
      ...get(bits), ...k.wrap, ...k.extendU, ...k.i64Or, ...k.fromBits, ...set(x),
      ...get(kk), ...get(i), ...op.i32(20), ...k.i32ShrS, ...op.i32Add, ...set(kk),
      ...get(x), ...c64(1), ...k.sub, ...set(f),
      ...ifThen([...op.i32(0x000fffff), ...op.i32(2), ...get(hx), ...op.i32Add, ...op.i32And, ...op.i32(3), ...k.i32LtS], [
        ...ifThen([...get(f), ...c64(0), ...k.eq], [
          ...ifThen(kIsZero, ret(c64(0))),
          ...get(kk), ...k.fromI32S, ...set(dk),
          ...ret([...dkLn2Hi, ...dkLn2Lo, ...k.add]),
        ]),
        ...get(f), ...get(f), ...k.mul, ...c64(0.5), ...c64(0.33333333333333333), ...get(f), ...k.mul, ...k.sub, ...k.mul, ...set(R),
        ...ifThen(kIsZero, ret([...get(f), ...get(R), ...k.sub])),
        ...get(kk), ...k.fromI32S, ...set(dk),
        ...ret([...dkLn2Hi, ...get(R), ...dkLn2Lo, ...k.sub, ...get(f), ...k.sub, ...k.sub]),
      ]),
      ...get(f), ...c64(2), ...get(f), ...k.add, ...k.div, ...set(s),
      ...get(kk), ...k.fromI32S, ...set(dk),
      ...get(s), ...get(s), ...k.mul, ...set(z),
      ...get(hx), ...op.i32(0x6147a), ...k.i32Sub, ...set(i),
      ...get(z), ...get(z), ...k.mul, ...set(w),
      ...op.i32(0x6b851), ...get(hx), ...k.i32Sub, ...set(j),
      ...get(w), ...c64(Lg2), ...get(w), ...c64(Lg4), ...get(w), ...c64(Lg6), ...k.mul, ...k.add, ...k.mul, ...k.add, ...k.mul, ...set(t1),
      ...get(z), ...c64(Lg1), ...get(w), ...c64(Lg3), ...get(w), ...c64(Lg5), ...get(w), ...c64(Lg7), ...k.mul, ...k.add, ...k.mul, ...k.add, ...k.mul, ...k.add, ...k.mul, ...set(t2),
      ...get(i), ...get(j), ...k.i32Or, ...set(i),
      ...get(t2), ...get(t1), ...k.add, ...set(R),
      ...ifThen([...get(i), ...op.i32(0), ...k.i32GtS], [
        ...c64(0.5), ...get(f), ...k.mul, ...get(f), ...k.mul, ...set(hfsq),
        ...ifThen(kIsZero, ret([...get(f), ...get(hfsq), ...get(s), ...get(hfsq), ...get(R), ...k.add, ...k.mul, ...k.sub, ...k.sub])),
        ...ret([...dkLn2Hi, ...get(hfsq), ...get(s), ...get(hfsq), ...get(R), ...k.add, ...k.mul, ...dkLn2Lo, ...k.add, ...k.sub, ...get(f), ...k.sub, ...k.sub]),
      ]),
      ...ifThen(kIsZero, ret([...get(f), ...get(s), ...get(f), ...get(R), ...k.sub, ...k.mul, ...k.sub])),
      ...dkLn2Hi, ...get(s), ...get(f), ...get(R), ...k.sub, ...k.mul, ...dkLn2Lo, ...k.sub, ...get(f), ...k.sub, ...k.sub,
    ],
  }
})()

// nbproba(o, n, K, pred): gaussianNB's probabilities from its joint log-likelihoods (n rows of K at o,
// overwritten), as its JavaScript loop: per row the argmax (argmaxRows: first largest) into pred[i], the
// largest value, logSum = max + log(Σ exp(v − max)), then each v becomes exp(v − logSum).
function nbprobaFn(exp: number, log: number): Fn {
  const [o, n, K, pred, i, c, best, row, max, sum, logSum, v] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
  const cell = (cls: number[]) => [...get(row), ...cls, ...op.i32(3), ...op.i32Shl, ...op.i32Add]
  return {
    name: 'nbproba', params: [I32, I32, I32, I32], locals: [[4, I32], [4, F64]],
    body: [
      ...get(o), ...set(row), ...op.i32(0), ...set(i),
      ...loop(done(i, get(n)), [
        ...op.i32(0), ...set(best), ...op.i32(1), ...set(c),
        ...loop(done(c, get(K)), [
          ...cell(get(c)), ...k.load, ...cell(get(best)), ...k.load, ...k.gt, ...k.if, ...get(c), ...set(best), ...op.end,
          ...addConst(c, 1),
        ]),
        ...get(pred), ...get(i), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...get(best), ...k.fromI32S, ...k.store,
        ...f64Const(-Infinity), ...set(max), ...op.i32(0), ...set(c),
        ...loop(done(c, get(K)), [
          ...cell(get(c)), ...k.load, ...op.tee(v), ...get(max), ...k.gt, ...k.if, ...get(v), ...set(max), ...op.end,
          ...addConst(c, 1),
        ]),
        ...f64Const(0), ...set(sum), ...op.i32(0), ...set(c),
        ...loop(done(c, get(K)), [
          ...get(sum), ...cell(get(c)), ...k.load, ...get(max), ...k.sub, ...k.call(exp), ...k.add, ...set(sum),
          ...addConst(c, 1),
        ]),
        ...get(max), ...get(sum), ...k.call(log), ...k.add, ...set(logSum),
        ...op.i32(0), ...set(c),
        ...loop(done(c, get(K)), [
          ...cell(get(c)), ...cell(get(c)), ...k.load, ...get(logSum), ...k.sub, ...k.call(exp), ...k.store,
          ...addConst(c, 1),
        ]),
        ...get(row), ...get(K), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...set(row),
        ...addConst(i, 1),
      ]),
    ],
  }
}

// classcount(y, n, counts, cap) → k: counts[c] += 1 for each label c = y[i] (float64), and k = 1 + the
// largest label; −1 at the first label that is not an integer in [0, cap) (the caller's JavaScript then
// reports it).
const classcount: Fn = (() => {
  const [y, n, counts, cap, i, c, top, a, v] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
  return {
    name: 'classcount', params: [I32, I32, I32, I32], results: [I32], locals: [[4, I32], [1, F64]],
    body: [
      ...op.i32(0), ...set(i), ...op.i32(0), ...set(top),
      ...loop(done(i, get(n)), [
        ...get(y), ...get(i), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...k.load, ...set(v),
        // not (v integral and 0 ≤ v < cap), NaN included
        ...get(v), ...get(v), ...k.trunc, ...k.eq, ...get(v), ...f64Const(0), ...k.ge, ...op.i32And,
        ...get(v), ...get(cap), ...k.fromI32S, ...k.lt, ...op.i32And, ...k.i32Eqz,
        ...k.if, ...op.i32(-1), ...k.return, ...op.end,
        ...get(v), ...k.truncF64, ...set(c),
        ...get(counts), ...get(c), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...set(a),
        ...get(a), ...get(a), ...k.load, ...f64Const(1), ...k.add, ...k.store,
        ...get(c), ...op.i32(1), ...op.i32Add, ...get(top), ...k.i32GtS, ...k.if, ...get(c), ...op.i32(1), ...op.i32Add, ...set(top), ...op.end,
        ...addConst(i, 1),
      ]),
      ...get(top),
    ],
  }
})()

const ALL = [colsums, centre, spread, setcol, gram, residual, classsums, classsqdev, jll, divide, xtr, linear4, standardise, scores, jacobi, signflip, expFn]
const EXP = ALL.length - 1
// appended after softmax so that the earlier functions keep their indices
export const FUNCTIONS = [...ALL, softmaxFn(EXP), logFn, nbprobaFn(EXP, ALL.length + 1), classcount]

/** The module's bytes, as linalg-wasm.ts holds them (base64). */
export const moduleBase64 = (): string => Buffer.from(moduleOf(FUNCTIONS)).toString('base64')

