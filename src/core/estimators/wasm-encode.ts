// The few pieces of the WebAssembly binary format padre's hand-written kernels need (no toolchain:
// the module is a byte array built here). Spec: https://webassembly.github.io/spec/core/binary/

export const I32 = 0x7f
export const F64 = 0x7c
export const V128 = 0x7b

export function uleb(n: number): number[] {
  const out: number[] = []
  do {
    let byte = n & 0x7f
    n >>>= 7
    if (n) byte |= 0x80
    out.push(byte)
  } while (n)
  return out
}

export function sleb(n: number): number[] {
  const out: number[] = []
  for (;;) {
    const byte = n & 0x7f
    n >>= 7
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte]
    out.push(byte | 0x80)
  }
}

const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()]
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body]
const name = (s: string): number[] => vector([...Buffer.from(s)].map((b) => [b]))

export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32: (n: number) => [0x41, ...sleb(n)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32LtU: [0x49],
  i32GeS: [0x4e],
  i32GeU: [0x4f],
  i32And: [0x71],
  i32Store: (offset: number) => [0x36, 2, ...uleb(offset)],
  f64Load: [0x2b, 3, 0],
  f64Add: [0xa0],
  f64Gt: [0x64],
  v128Load: (offset: number) => [0xfd, 0x00, 3, ...uleb(offset)],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f64x2Lane: (lane: number) => [0xfd, 0x21, lane],
  f64x2Add: [0xfd, ...uleb(0xf0)],
  f64x2Sub: [0xfd, ...uleb(0xf1)],
  f64x2Mul: [0xfd, ...uleb(0xf2)],
}

/** A module with one exported function (i32 parameters, i32 result) and one exported memory 'mem'. */
export function moduleBytes(fn: { name: string; params: number; locals: [count: number, type: number][]; body: number[] }): Uint8Array {
  const code = [...vector(fn.locals.map(([count, type]) => [...uleb(count), type])), ...fn.body, ...op.end]
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vector([[0x60, ...vector(new Array<number[]>(fn.params).fill([I32])), ...vector([[I32]])]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, 1]])),
    ...section(7, vector([[...name('mem'), 0x02, 0], [...name(fn.name), 0x00, 0]])),
    ...section(10, vector([[...uleb(code.length), ...code]])),
  ])
}

// Added for svc's kernel (svc-wasm.ts): a lane-wise splat of an f64 and a v128 store.
export const f64x2Splat = [0xfd, 0x14]
export const v128Store = (offset: number): number[] => [0xfd, 0x0b, 4, ...uleb(offset)]
