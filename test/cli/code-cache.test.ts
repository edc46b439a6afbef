import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO } from '../helpers/cli.js'

// bin/run.js runs the fast path's bundle through src/cli/code-cache.ts (built: dist/cli/code-cache.js). Each
// start is its own process, as in use: V8's in-process compilation cache would hide what the file does.
const dir = mkdtempSync(join(tmpdir(), 'padre-code-cache-'))
const bundle = join(dir, 'bundle.cjs')
const loader = pathToFileURL(join(REPO, 'dist', 'cli', 'code-cache.js')).href
/** One start: the answer, whether V8 took the cache, and whether the start wrote it. */
const start = (further = false) => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
    const { runWithCodeCache } = await import(${JSON.stringify(loader)})
    const b = runWithCodeCache(${JSON.stringify(bundle)}, 'test kind')
    const answer = b.exports.answer(20) + (${further} ? b.exports.further() : '')
    console.log(JSON.stringify({ answer, cacheUsed: b.cacheUsed, saved: b.save() }))`], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout) as { answer: string; cacheUsed: boolean; saved: boolean }
}
// 'use strict' as the real bundles; further() stands for a module the bundle initialises lazily (it reports them as esbuild's wrappers do)
const source = (op: string) => `'use strict'\nconst { join } = require('node:path')\nfunction fib(n) { return n < 2 ? n : fib(n - 1) ${op} fib(n - 2) }\nexports.answer = (n) => join(String(fib(n)), __filename.endsWith('bundle.cjs') ? 'ok' : 'no')\nexports.further = () => { __padreLoaded.add('further'); return '+' }\n`
const cacheFiles = () => readdirSync(dir).filter((f) => f.endsWith('.v8cache'))

describe('the code cache of the fast path bundle', () => {
  it('is made by the first start, taken by the next, and never changes an answer', () => {
    writeFileSync(bundle, source('+'))
    expect(start()).toEqual({ answer: '6765/ok', cacheUsed: false, saved: true })
    expect(cacheFiles()).toEqual([`bundle.cjs.test_kind.${process.version}-${process.arch}.v8cache`])
    expect(start()).toEqual({ answer: '6765/ok', cacheUsed: true, saved: false })
  })

  it('is made again, once, by a start that reaches a module the cache was not made with', () => {
    expect(start(true)).toEqual({ answer: '6765/ok+', cacheUsed: true, saved: true })
    expect(start(true)).toEqual({ answer: '6765/ok+', cacheUsed: true, saved: false })
    expect(start()).toEqual({ answer: '6765/ok', cacheUsed: true, saved: false })
  })

  it('is not taken for a rebuilt bundle of the same length (V8 checks only the length)', () => {
    writeFileSync(bundle, source('-'))
    expect(readFileSync(bundle).length).toBe(Buffer.byteLength(source('+')))
    expect(start()).toEqual({ answer: '1/ok', cacheUsed: false, saved: true })
    expect(start()).toEqual({ answer: '1/ok', cacheUsed: true, saved: false })
  })

  it('is made again when damaged or cut short', () => {
    const file = join(dir, cacheFiles()[0])
    const data = readFileSync(file)
    const eol = data.indexOf(10, data.indexOf(10) + 1) + 1
    for (const damaged of [Buffer.concat([data.subarray(0, eol), Buffer.alloc(data.length - eol, 7)]), data.subarray(0, eol + 40), data.subarray(0, eol - 3), Buffer.from('nonsense')]) {
      writeFileSync(file, damaged)
      expect(start()).toEqual({ answer: '1/ok', cacheUsed: false, saved: true })
      expect(start()).toEqual({ answer: '1/ok', cacheUsed: true, saved: false })
    }
  })
})
