import { join } from 'node:path'
import { paths } from '../../core/model/paths.js'
import type { RunRecord } from '../../core/model/types.js'
import { readCommit } from './objects.js'
import { readHead } from './refs.js'
import { isRepo } from './repo.js'

/** Commits older than the run's start by more than this cannot have recorded it (clock slack). */
const SLACK_SECONDS = 24 * 3600

/**
 * The experiment commit that recorded a run (its message starts `run <run>:`), or undefined.
 * Walks first parents back from HEAD, reading commit objects only (no trees), and stops at commits
 * made before the run started: runs are committed in time order, so a recent run is found at once.
 */
export async function findRunCommit(root: string, run: RunRecord): Promise<string | undefined> {
  const dir = paths.experiment(root, run.project, run.experiment)
  if (!isRepo(dir)) return undefined
  const gitdir = join(dir, '.git')
  const prefix = `run ${run.run}:`
  const started = Date.parse(run.startedAt) / 1000
  let oid = readHead(gitdir).oid
  while (oid) {
    const commit = await readCommit(gitdir, oid)
    if (commit.message.startsWith(prefix)) return oid
    const time = Number(commit.committer.split(' ').at(-2))
    if (Number.isFinite(started) && time < started - SLACK_SECONDS) return undefined
    oid = commit.parents[0]
  }
  return undefined
}
