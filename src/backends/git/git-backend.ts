import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { EventBus } from '../../core/events.js'
import { FILES, paths } from '../../core/model/paths.js'
import type { ExecutionRecord, RunRecord } from '../../core/model/types.js'
import { commitHeld, recordPending } from './commit.js'
import type { Person } from './objects.js'
import { readHead } from './refs.js'
import { GITIGNORE, ensureGitmodules, ensureSubmoduleConfig, initRepo, isRepo, writeFileAtomicSync } from './repo.js'
import { withRepoLock } from './repo-lock.js'
import { autoPack } from './pack-auto.js'

export const DEFAULT_AUTHOR: Person = { name: 'padre', email: 'padre@localhost' }
export const DEFAULT_AUTO_PACK_LOOSE = 1000

const NAME = 'the git backend'

/**
 * Commits what the file backend wrote (it subscribes first, so the files are on disk when these
 * handlers run). A project is a repository; each experiment is its own repository, linked into the
 * project as a real submodule; each ended run is one commit in the experiment and one commit in
 * the project that moves the gitlink. History is never rewritten; a failed commit throws and leaves
 * the files for the next commit.
 */
export class GitBackend {
  private readonly author: Person
  private readonly autoPackLoose: number

  /** autoPackLoose: pack a repository after a run once it has this many loose objects (0: never). */
  constructor(opts: { author?: Partial<Person>; autoPackLoose?: number } = {}) {
    this.author = { name: opts.author?.name || DEFAULT_AUTHOR.name, email: opts.author?.email || DEFAULT_AUTHOR.email }
    this.autoPackLoose = opts.autoPackLoose ?? DEFAULT_AUTO_PACK_LOOSE
  }

  subscribe(bus: EventBus): void {
    bus.on('project:created', async ({ root, project }) => { await this.createProject(paths.project(root, project.name)) }, NAME)
    bus.on('experiment:created', ({ root, experiment: e }) => this.createExperiment(root, e.project, e.name), NAME)
    bus.on('execution:created', async ({ root, execution: x }) => {
      const dir = paths.experiment(root, x.project, x.experiment)
      if (isRepo(dir)) await recordPending(dir, [`executions/${x.version}/${FILES.execution}`])
    }, NAME)
    bus.on('run:started', async ({ root, run }) => {
      const dir = paths.experiment(root, run.project, run.experiment)
      if (isRepo(dir)) await recordPending(dir, [runPath(run)])
    }, NAME)
    bus.on('run:ended', ({ root, run }) => this.recordRun(root, run), NAME)
    bus.on('run:reevaluated', ({ root, run, reevaluation }) => this.recordReevaluation(root, run, reevaluation.name, reevaluation.metrics), NAME)
    bus.on('execution:defined', ({ root, execution }) => this.recordExecution(root, execution), NAME)
    bus.on('run:annotated', ({ root, run, message }) => this.recordAnnotation(root, run, message), NAME)
    bus.on('model:registered', ({ root, version: v, alias }) => this.recordModel(root, v.project, [`models/${v.name}/versions/${v.version}.json`, ...(alias ? [`models/${v.name}/${FILES.modelAliases}`] : [])],
      `model ${v.name}: register version ${v.version}${alias ? ` as ${alias}` : ''}\n\ncomputation: ${v.computation}\nmodel.json: ${v.artifact.sha256}\n`), NAME)
    bus.on('model:aliased', ({ root, project, name, alias, version }) => this.recordModel(root, project, [`models/${name}/${FILES.modelAliases}`], `model ${name}: alias ${alias} -> version ${version}\n`), NAME)
  }

  /** Create the project repository if absent and commit its record; a second creator commits nothing. */
  async createProject(dir: string, options: { refresh?: boolean } = {}): Promise<string | undefined> {
    initRepo(dir)
    return withRepoLock(dir, () => {
      if (!existsSync(join(dir, '.gitignore'))) writeFileAtomicSync(join(dir, '.gitignore'), GITIGNORE)
      return commitHeld({ dir, paths: [FILES.project, '.gitignore'], message: 'Create project', author: this.author, refreshIndex: options.refresh })
    })
  }

  async createExperiment(root: string, project: string, experiment: string, options: { refresh?: boolean } = {}): Promise<void> {
    const dir = paths.experiment(root, project, experiment)
    initRepo(dir)
    await withRepoLock(dir, async () => {
      await this.ensureExperimentHead(dir, experiment)
      await this.link(root, project, experiment, `Add experiment ${experiment}`, options.refresh)
    })
  }

  /** The experiment repository's first commit, made once. Hold the experiment's lock. */
  private async ensureExperimentHead(dir: string, experiment: string): Promise<void> {
    if (readHead(join(dir, '.git')).oid) return
    if (!existsSync(join(dir, '.gitignore'))) writeFileAtomicSync(join(dir, '.gitignore'), GITIGNORE)
    await commitHeld({ dir, paths: [FILES.experiment, '.gitignore'], message: `Create experiment ${experiment}`, author: this.author, split: true })
  }

  /**
   * Point the project's gitlink at the experiment's HEAD (with .gitmodules and config); commit if
   * anything moved. Hold the experiment's lock: its HEAD cannot move meanwhile, so gitlinks move
   * in the order of the experiment's commits. Takes the project's lock (always after the experiment's).
   */
  private async link(root: string, project: string, experiment: string, message: string, refresh?: boolean): Promise<string | undefined> {
    const projectDir = paths.project(root, project)
    if (!isRepo(projectDir)) await this.createProject(projectDir)
    const head = readHead(join(paths.experiment(root, project, experiment), '.git')).oid
    if (!head) throw new Error(`experiment repository ${experiment} has no commit`)
    return withRepoLock(projectDir, () => {
      ensureGitmodules(projectDir, experiment)
      ensureSubmoduleConfig(projectDir, experiment)
      return commitHeld({
        dir: projectDir,
        paths: ['.gitmodules'],
        gitlinks: [{ path: `experiments/${experiment}`, oid: head }],
        message,
        author: this.author,
        refreshIndex: refresh,
      })
    })
  }

  /** Commit paths of an experiment (with any pending ones) and move the project's gitlink: healing. */
  async recordPaths(root: string, project: string, experiment: string, files: string[], message: string): Promise<void> {
    const dir = paths.experiment(root, project, experiment)
    initRepo(dir)
    await withRepoLock(dir, async () => {
      await this.ensureExperimentHead(dir, experiment)
      await commitHeld({ dir, paths: files, message, author: this.author, split: true, refreshIndex: true })
      await this.link(root, project, experiment, `experiment ${experiment}: ${message}`, true)
    })
  }

  /** One commit for the ended run in the experiment, then one in the project moving the gitlink. */
  async recordRun(root: string, run: RunRecord, options: { refresh?: boolean } = {}): Promise<void> {
    const dir = paths.experiment(root, run.project, run.experiment)
    initRepo(dir)
    const summary = runSummary(run)
    await withRepoLock(dir, async () => {
      await this.ensureExperimentHead(dir, run.experiment)
      await commitHeld({
        dir,
        paths: [FILES.experiment, `executions/${run.execution}/${FILES.execution}`, runPath(run)],
        message: (extra) => {
          const also = extra.filter((p) => p !== runPath(run))
          return `run ${run.run}: ${summary}\n\nexecution: ${run.execution}\nrun: ${run.id}\n` +
            (also.length ? `also records: ${also.join(', ')}\n` : '')
        },
        author: this.author,
        split: true,
        refreshIndex: options.refresh,
      })
      await this.link(root, run.project, run.experiment, `experiment ${run.experiment}: run ${run.run} ${summary}`, options.refresh)
      if (this.autoPackLoose > 0) await autoPack(dir, paths.project(root, run.project), this.autoPackLoose)
    })
  }

  /** Experiment files and a gitlink move, under the experiment's lock: reevaluations, annotations, defined executions. */
  async commitExperiment(root: string, project: string, experiment: string, files: string[], message: string, linkMessage: string): Promise<void> {
    const dir = paths.experiment(root, project, experiment)
    initRepo(dir)
    await withRepoLock(dir, async () => {
      await this.ensureExperimentHead(dir, experiment)
      await commitHeld({ dir, paths: files, message, author: this.author, split: true })
      await this.link(root, project, experiment, linkMessage)
    })
  }

  /** A reevaluation's folder is one commit in the experiment, and one in the project moving the gitlink. */
  async recordReevaluation(root: string, run: RunRecord, name: string, metrics: string[]): Promise<void> {
    const summary = `reevaluate run ${run.run}: ${metrics.length > 3 ? `${metrics.length} metrics` : metrics.join(', ')}`
    await this.commitExperiment(root, run.project, run.experiment, [`${runPath(run)}/reevaluations/${name}`],
      `${summary}\n\nrun: ${run.id}\nreevaluation: ${name}\nmetrics: ${metrics.join(', ')}\n`, `experiment ${run.experiment}: ${summary}`)
  }

  /** run tag/note/delete/restore: one commit of run.json in the experiment, one moving the gitlink. */
  async recordAnnotation(root: string, run: RunRecord, message: string): Promise<void> {
    await this.commitExperiment(root, run.project, run.experiment, [`${runPath(run)}/${FILES.run}`],
      `run ${run.run}: ${message}\n\nrun: ${run.id}\n`, `experiment ${run.experiment}: run ${run.run} ${message}`)
  }

  /** The model registry lives in the project repository: one commit per registration or alias change. */
  async recordModel(root: string, project: string, files: string[], message: string): Promise<void> {
    const dir = paths.project(root, project)
    // Exactly this event's files: a registration running at the same time commits its own version file.
    await withRepoLock(dir, () => commitHeld({ dir, paths: files, message, author: this.author }))
  }

  /** experiment create: the execution record, committed without a run. */
  async recordExecution(root: string, x: ExecutionRecord): Promise<void> {
    await this.commitExperiment(root, x.project, x.experiment, [FILES.experiment, `executions/${x.version}/${FILES.execution}`],
      `execution ${x.version}: defined\n\nexecution: ${x.id}\n`, `experiment ${x.experiment}: execution ${x.version} defined`)
  }
}

export function runPath(run: RunRecord): string {
  return `executions/${run.execution}/runs/${run.run}`
}

export function runSummary(run: RunRecord): string {
  if (run.status === 'failed') return `failed, ${(run.error ?? 'unknown error').split('\n')[0].slice(0, 200)}`
  if (run.mainMetric) return `${run.status}, ${run.mainMetric.name}=${Number(run.mainMetric.value.toPrecision(6))}`
  return run.status
}
