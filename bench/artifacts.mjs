// Artifact transfer: push and pull of BENCH_ARTIFACTS (default 1,000) small artifacts to a local S3 server
// (s3rver in its own process) and to a directory remote, beside the baseline of copying the same files to
// a directory with fs.copyFile, measured in the same run. Build first (npm run build), then:
//   BENCH_ONLY=artifacts node bench/run.mjs
import { spawn } from 'node:child_process'
import { copyFile, mkdir } from 'node:fs/promises'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { LocalArtifactStore } from '../dist/backends/artifacts/local-store.js'
import { openRemote } from '../dist/backends/artifacts/open-remote.js'
import { pullRefs, pushRefs } from '../dist/backends/artifacts/transfer.js'
import { median } from './measure.mjs'

const REPEATS = 3

function startS3rver(dir) {
  const code = `const S3rver = require('s3rver'); new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: ${JSON.stringify(dir)}, configureBuckets: [{ name: 'bench' }] }).run().then((a) => console.log(a.port))`
  const child = spawn(process.execPath, ['-e', code], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.stdout.once('data', (d) => resolve({ endpoint: `http://127.0.0.1:${String(d).trim()}`, stop: () => child.kill() }))
  })
}

async function timed(work) {
  const t0 = performance.now()
  const result = await work()
  return { ms: performance.now() - t0, result }
}

export async function run() {
  const n = Number(process.env.BENCH_ARTIFACTS ?? 1000)
  const base = mkdtempSync(join(tmpdir(), 'padre-bench-artifacts-'))
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY }
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'
  const server = await startS3rver(join(base, 's3rver'))
  try {
    const store = new LocalArtifactStore(join(base, 'local'))
    const refs = []
    for (let i = 0; i < n; i++) {
      const content = Buffer.from(JSON.stringify({ formatVersion: 1, artifact: i, weights: Array.from({ length: 64 }, (_, j) => Math.sin(i * 64 + j)) }))
      const { sha256, size } = await store.put(content)
      refs.push({ path: 'model.json', sha256, size, producer: sha256.split('').reverse().join('') })
    }
    const bytes = refs.reduce((s, r) => s + r.size, 0)
    const figures = { copy: [], s3Push: [], s3PushAgain: [], s3Pull: [], dirPush: [], dirPull: [] }
    for (let rep = 0; rep < REPEATS; rep++) {
      const copyDir = join(base, `copy-${rep}`)
      figures.copy.push((await timed(async () => {
        await mkdir(copyDir, { recursive: true })
        for (const r of refs) await copyFile(store.path(r.sha256), join(copyDir, r.sha256))
      })).ms)

      const s3 = await openRemote(`s3://bench/rep-${rep}`, { endpoint: server.endpoint })
      const pushed = await timed(() => pushRefs(store, s3, refs))
      if (pushed.result.transferred !== n) throw new Error(`S3 push moved ${pushed.result.transferred} of ${n}`)
      figures.s3Push.push(pushed.ms)
      const again = await timed(() => pushRefs(store, s3, refs))
      if (again.result.transferred !== 0) throw new Error('the second S3 push wrote objects again')
      figures.s3PushAgain.push(again.ms)
      const fresh = new LocalArtifactStore(join(base, `pulled-s3-${rep}`))
      const pulled = await timed(() => pullRefs(fresh, s3, refs))
      if (pulled.result.transferred !== n) throw new Error(`S3 pull moved ${pulled.result.transferred} of ${n}`)
      figures.s3Pull.push(pulled.ms)

      const dirRoot = join(base, `dir-remote-${rep}`)
      await mkdir(dirRoot)
      const dir = await openRemote(dirRoot)
      figures.dirPush.push((await timed(() => pushRefs(store, dir, refs))).ms)
      figures.dirPull.push((await timed(() => pullRefs(new LocalArtifactStore(join(base, `pulled-dir-${rep}`)), dir, refs))).ms)
    }
    const m = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(median(v))]))
    const ratio = (x) => Math.round((x / m.copy) * 10) / 10
    return {
      artifacts: n, bytes, repeats: REPEATS,
      baselineCopyFileMs: m.copy,
      s3PushMs: m.s3Push, s3PushAgainMs: m.s3PushAgain, s3PullMs: m.s3Pull, dirPushMs: m.dirPush, dirPullMs: m.dirPull,
      ratios: { s3Push: ratio(m.s3Push), s3PushAgain: ratio(m.s3PushAgain), s3Pull: ratio(m.s3Pull), dirPush: ratio(m.dirPush), dirPull: ratio(m.dirPull) },
      note: 'ratio = time / the fs.copyFile baseline of the same files; s3rver runs in its own process on loopback',
    }
  } finally {
    server.stop()
    for (const [k, v] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]]) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    rmSync(base, { recursive: true, force: true })
  }
}
