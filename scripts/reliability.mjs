#!/usr/bin/env node
// `npm run reliability`: the reliability tests (test/reliability) with larger counts, then one JSON
// object of figures on stdout: kills survived, concurrent runs recorded, bad inputs tried, and the
// counts of anything lost, broken or left dirty (all must be 0). Jest's own output goes to stderr.
// Counts: PADRE_KILLS (40), PADRE_CONCURRENT_ROUNDS (3), PADRE_FUZZ_RUNS (20000), PADRE_FUZZ_CLI_CASES (24).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const figures = join(tmpdir(), `padre-reliability-${process.pid}.jsonl`)
const results = join(tmpdir(), `padre-reliability-${process.pid}.json`)
const env = {
  ...process.env,
  PADRE_RELIABILITY_REPORT: figures,
  PADRE_KILLS: process.env.PADRE_KILLS ?? '40',
  PADRE_CONCURRENT_ROUNDS: process.env.PADRE_CONCURRENT_ROUNDS ?? '3',
  PADRE_FUZZ_RUNS: process.env.PADRE_FUZZ_RUNS ?? '20000',
  PADRE_FUZZ_CLI_CASES: process.env.PADRE_FUZZ_CLI_CASES ?? '24',
}
const started = Date.now()
spawnSync(process.execPath, [
  '--experimental-vm-modules', 'node_modules/jest/bin/jest.js', 'test/reliability', '--runInBand', '--testTimeout=600000', '--json', `--outputFile=${results}`,
], { env, stdio: ['ignore', 2, 2] })

const lines = existsSync(figures) ? readFileSync(figures, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []
const sum = (key) => {
  const out = {}
  for (const line of lines) for (const [k, v] of Object.entries(line[key] ?? {})) out[k] = (out[k] ?? 0) + v
  return out
}
const jest = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : { numPassedTests: 0, numFailedTests: 1, numPendingTests: 0 }
const kills = sum('kills')
const concurrent = sum('concurrent')
const fuzz = sum('fuzz')
const summary = {
  seconds: Math.round((Date.now() - started) / 1000),
  kills: { survived: (kills.kills ?? 0), finishedRuns: kills.finished ?? 0, interruptedRuns: kills.interrupted ?? 0, brokenRightAfterKill: kills.brokenRightAfterKill ?? 0, leftRunning: kills.leftRunning ?? 0, lost: kills.lost ?? 0, dirtyAfterHeal: kills.dirtyAfterHeal ?? 0 },
  concurrent: { processes: concurrent.processes ?? 0, runsRecorded: concurrent.runsRecorded ?? 0, runCommits: concurrent.runCommits ?? 0, failed: concurrent.failed ?? 0, lost: concurrent.lost ?? 0, dirty: concurrent.dirty ?? 0 },
  badInputs: { generatedCases: fuzz.cases ?? 0, throughTheCli: fuzz.cliBadInputs ?? 0 },
  tests: { passed: jest.numPassedTests, failed: jest.numFailedTests, skipped: jest.numPendingTests },
}
summary.problems = summary.kills.brokenRightAfterKill + summary.kills.leftRunning + summary.kills.lost + summary.kills.dirtyAfterHeal +
  summary.concurrent.failed + summary.concurrent.lost + summary.concurrent.dirty + summary.tests.failed
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
rmSync(figures, { force: true })
rmSync(results, { force: true })
process.exitCode = summary.problems === 0 ? 0 : 1
