import { existsSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs'
import { join } from 'node:path'
import { FILES, paths } from '../../core/model/paths.js'
import type { RunRecord } from '../../core/model/types.js'
import { writeJsonAtomic } from '../file/atomic.js'
import { isAlive } from '../lock/process-identity.js'
import { JOURNAL_DIR, journalName, type JournalEntry } from './journal.js'

/** Journals left by processes that are no longer running: the cheap check every command makes. */
export function deadJournals(root: string): string[] {
  let names: string[]
  try {
    names = readdirSync(join(root, JOURNAL_DIR))
  } catch {
    return []
  }
  return names.filter((name) => {
    if (name.endsWith('.tmp')) {
      // A journal write cut short; its owner's journal (if any) is the renamed file beside it.
      const m = /^(\d+)-([^.]+)/.exec(name)
      try {
        if (m && !isAlive({ pid: Number(m[1]), start: m[2] })) rmSync(join(root, JOURNAL_DIR, name), { force: true })
      } catch { /* a read-only root_dir: leave it */ }
      return false
    }
    const m = /^(\d+)-([^.]+)(\..+)?\.json$/.exec(name)
    return m !== null && !isAlive({ pid: Number(m[1]), start: m[2] })
  })
}

export interface HealReport { journals: number; interrupted: string[] }

/**
 * Finish what killed processes began: commit their pending files, move the gitlinks, and record
 * each run they left `running` as `interrupted`. Each journal is first claimed by renaming it to this
 * process's name, so two commands starting at once never heal the same journal twice; a healer
 * killed in turn leaves a journal the next command claims again.
 */
export async function healInterrupted(root: string, author: { name: string; email: string }): Promise<HealReport> {
  const report: HealReport = { journals: 0, interrupted: [] }
  const names = deadJournals(root)
  if (!names.length) return report
  const { GitBackend } = await import('../git/git-backend.js')
  const git = new GitBackend({ author })
  for (const [i, name] of names.entries()) {
    const dir = join(root, JOURNAL_DIR)
    const claimed = join(dir, `${journalName()}.heal${i}-${Date.now()}.json`)
    try {
      renameSync(join(dir, name), claimed)
    } catch {
      continue // another command claimed it
    }
    let entries: JournalEntry[] = []
    try {
      entries = JSON.parse(readFileSync(claimed, 'utf8')) as JournalEntry[]
    } catch { /* cut short while being written: nothing of it was stored yet */ }
    for (const entry of entries) await healEntry(root, git, entry, report)
    rmSync(claimed, { force: true })
    report.journals++
  }
  return report
}

type Git = InstanceType<typeof import('../git/git-backend.js').GitBackend>

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** A folder whose record was never written (killed mid-write): remove the temp files, and the folder if that empties it. */
function removeUnborn(dir: string): void {
  try {
    for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) rmSync(join(dir, name), { recursive: true, force: true })
    if (readdirSync(dir).length === 0) rmdirSync(dir)
  } catch { /* not there */ }
}

async function healEntry(root: string, git: Git, entry: JournalEntry, report: HealReport): Promise<void> {
  if (entry.kind === 'model') {
    // Commit the registry files that were written; one never written (killed first) is simply absent.
    const written = entry.files.filter((f) => existsSync(join(paths.project(root, entry.project), f)))
    if (written.length) await git.recordModel(root, entry.project, written, `model ${entry.name}: recorded after an interrupted padre command\n`)
    return
  }
  if (entry.kind === 'project') {
    const dir = paths.project(root, entry.project)
    if (readJson(join(dir, FILES.project))) await git.createProject(dir, { refresh: true })
    else removeUnborn(dir)
    return
  }
  if (!readJson(join(paths.experiment(root, entry.project, entry.experiment), FILES.experiment))) {
    if (entry.kind === 'experiment') removeUnborn(paths.experiment(root, entry.project, entry.experiment))
    return
  }
  if (entry.kind === 'experiment' || entry.kind === 'execution') {
    await git.createExperiment(root, entry.project, entry.experiment, { refresh: true })
    if (entry.kind === 'execution') {
      await git.recordPaths(root, entry.project, entry.experiment, [`executions/${entry.version}/${FILES.execution}`], `execution ${entry.version}`)
    }
    return
  }
  const file = join(paths.run(root, entry.project, entry.experiment, entry.execution, entry.run), FILES.run)
  let run = readJson<RunRecord>(file)
  if (!run) {
    // Killed before its run.json was written: commit whatever of the run folder exists.
    await git.recordPaths(root, entry.project, entry.experiment, [`executions/${entry.execution}/runs/${entry.run}`], `run ${entry.run}: interrupted before it was recorded`)
    return
  }
  if (run.status === 'running') {
    const finishedAt = new Date()
    run = {
      ...run, status: 'interrupted', finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - Date.parse(run.startedAt),
      error: 'the padre process running it stopped (killed or crashed) before the run ended; recorded by the next padre command',
    }
    await writeJsonAtomic(file, run)
    report.interrupted.push(run.id)
  }
  await git.recordRun(root, run, { refresh: true })
}
