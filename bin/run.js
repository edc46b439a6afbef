#!/usr/bin/env node
// `padre --version` answers without loading oclif (it is benchmarked against bare node);
// `padre` alone opens the interactive shell; `run list` and `metric compare_metrics` try a fast path;
// everything else goes through oclif.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const argv = process.argv.slice(2)
// the hot read commands, answered without oclif in their plain forms (src/cli/fast-path.ts, bundled)
const FAST = new Set(['run list', 'metric compare_metrics'])
// A reader that went away (`padre … | head`) must not stop padre half-way through a run: drop the
// output and finish (and commit) the work.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
  })
}
// oclif checks its own engines range (node >= 18) with semver on every start, about 20 ms;
// ours (node >= 20) is stricter already.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`padre/${version} ${process.platform}-${process.arch} node-${process.version}\n`)
} else if (argv.length === 0 || (argv.length === 1 && argv[0] === '--keep-going')) {
  const { startShell } = await import('../dist/shell/start.js')
  await startShell({ keepGoing: argv[0] === '--keep-going' })
} else if (!(FAST.has(`${argv[0]} ${argv[1]}`) && (await fastPath()))) {
  const { execute } = await import('@oclif/core')
  await execute({ dir: import.meta.url })
}

/**
 * src/cli/fast-request.ts, then (no stored answer) src/cli/fast-path.ts, from their bundles, each compiled with
 * the code cache of the last run of its kind (src/cli/code-cache.ts). False: nothing printed, oclif runs it.
 */
async function fastPath() {
  const { runWithCodeCache } = await import('../dist/cli/code-cache.js')
  const load = (name, kind) => runWithCodeCache(fileURLToPath(new URL(`../dist/fast/${name}.cjs`, import.meta.url)), kind)
  const front = load('fast-request', `${argv[0]}-${argv[1]}`)
  const request = await front.exports.fastRequest(argv)
  if (request === undefined) return false
  if (request !== 'printed') {
    const query = request.flags.where !== undefined || request.flags.filter !== undefined
    const full = load('fast-path', `${argv[0]}-${argv[1]}${query ? '-query' : ''}`)
    if (!(await full.exports.fastAnswer(request))) return false
    full.save()
  }
  front.save()
  return true
}
