import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EventBus } from '../../core/events.js'
import { FILES, paths } from '../../core/model/paths.js'
import type { ExecutionRecord, RunRecord } from '../../core/model/types.js'
import { commitPaths, recordPending } from './commit.js'
import type { Person } from './objects.js'
import { readHead } from './refs.js'
import { GITIGNORE, ensureGitmodules, ensureSubmoduleConfig, initRepo, isRepo } from './repo.js'

export const DEFAULT_AUTHOR: Person = { name: 'padre', email: 'padre@localhost' }

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

  constructor(opts: { author?: Partial<Person> } = {}) {
    this.author = { name: opts.author?.name || DEFAULT_AUTHOR.name, email: opts.author?.email || DEFAULT_AUTHOR.email }
  }

  subscribe(bus: EventBus): void {
    bus.on('project:created', async ({ root, project }) => { await this.createProject(paths.project(root, project.name)) }, NAME)
    bus.on('experiment:created', ({ root, experiment: e }) => this.createExperiment(root, e.project, e.name), NAME)
    bus.on('execution:created', async ({ root, execution: x }) => {
      const dir = paths.experiment(root, x.project, x.experiment)
      if (isRepo(dir)) recordPending(dir, [`executions/${x.version}/${FILES.execution}`])
    }, NAME)
    bus.on('run:started', async ({ root, run }) => {
      const dir = paths.experiment(root, run.project, run.experiment)
      if (isRepo(dir)) recordPending(dir, [runPath(run)])
    }, NAME)
    bus.on('run:ended', ({ root, run }) => this.recordRun(root, run), NAME)
    bus.on('run:reevaluated', ({ root, run, reevaluation }) => this.recordReevaluation(root, run, reevaluation.name, reevaluation.metrics), NAME)
    bus.on('execution:defined', ({ root, execution }) => this.recordExecution(root, execution), NAME)
    bus.on('run:annotated', ({ root, run, message }) => this.recordAnnotation(root, run, message), NAME)
  }

  async createProject(dir: string): Promise<string | undefined> {
    if (!isRepo(dir)) await initRepo(dir)
    if (!existsSync(join(dir, '.gitignore'))) writeFileSync(join(dir, '.gitignore'), GITIGNORE)
    return commitPaths({ dir, paths: [FILES.project, '.gitignore'], message: 'Create project', author: this.author })
  }

  async createExperiment(root: string, project: string, experiment: string): Promise<void> {
    const dir = paths.experiment(root, project, experiment)
    await this.ensureExperimentRepo(dir, experiment)
    await this.link(root, project, experiment, `Add experiment ${experiment}`)
  }

  private async ensureExperimentRepo(dir: string, experiment: string): Promise<void> {
    if (isRepo(dir) && readHead(join(dir, '.git')).oid) return
    if (!isRepo(dir)) await initRepo(dir)
    if (!existsSync(join(dir, '.gitignore'))) writeFileSync(join(dir, '.gitignore'), GITIGNORE)
    await commitPaths({ dir, paths: [FILES.experiment, '.gitignore'], message: `Create experiment ${experiment}`, author: this.author, split: true })
  }

  /** Point the project's gitlink at the experiment's HEAD (with .gitmodules and config); commit if anything moved. */
  private async link(root: string, project: string, experiment: string, message: string): Promise<string | undefined> {
    const projectDir = paths.project(root, project)
    if (!isRepo(projectDir)) await this.createProject(projectDir)
    const head = readHead(join(paths.experiment(root, project, experiment), '.git')).oid
    if (!head) throw new Error(`experiment repository ${experiment} has no commit`)
    ensureGitmodules(projectDir, experiment)
    ensureSubmoduleConfig(projectDir, experiment)
    return commitPaths({
      dir: projectDir,
      paths: ['.gitmodules'],
      gitlinks: [{ path: `experiments/${experiment}`, oid: head }],
      message,
      author: this.author,
    })
  }

  /** A reevaluation's folder is one commit in the experiment, and one in the project moving the gitlink. */
  async recordReevaluation(root: string, run: RunRecord, name: string, metrics: string[]): Promise<void> {
    const dir = paths.experiment(root, run.project, run.experiment)
    const summary = `reevaluate run ${run.run}: ${metrics.length > 3 ? `${metrics.length} metrics` : metrics.join(', ')}`
    await commitPaths({
      dir, paths: [`${runPath(run)}/reevaluations/${name}`], author: this.author, split: true,
      message: `${summary}\n\nrun: ${run.id}\nreevaluation: ${name}\nmetrics: ${metrics.join(', ')}\n`,
    })
    await this.link(root, run.project, run.experiment, `experiment ${run.experiment}: ${summary}`)
  }

  /** run tag/note/delete/restore: one commit of run.json in the experiment, one moving the gitlink. */
  async recordAnnotation(root: string, run: RunRecord, message: string): Promise<void> {
    const dir = paths.experiment(root, run.project, run.experiment)
    await commitPaths({ dir, paths: [`${runPath(run)}/${FILES.run}`], message: `run ${run.run}: ${message}\n\nrun: ${run.id}\n`, author: this.author, split: true })
    await this.link(root, run.project, run.experiment, `experiment ${run.experiment}: run ${run.run} ${message}`)
  }

  async recordRun(root: string, run: RunRecord): Promise<void> {
    const dir = paths.experiment(root, run.project, run.experiment)
    await this.ensureExperimentRepo(dir, run.experiment)
    const summary = runSummary(run)
    await commitPaths({
      dir,
      paths: [FILES.experiment, `executions/${run.execution}/${FILES.execution}`, runPath(run)],
      message: (extra) => {
        const also = extra.filter((p) => p !== runPath(run))
        return `run ${run.run}: ${summary}\n\nexecution: ${run.execution}\nrun: ${run.id}\n` +
          (also.length ? `also records: ${also.join(', ')}\n` : '')
      },
      author: this.author,
      split: true,
    })
    await this.link(root, run.project, run.experiment, `experiment ${run.experiment}: run ${run.run} ${summary}`)
  }

  /** An execution recorded without a run (experiment create): one commit in the experiment, one in the project moving the gitlink. */
  async recordExecution(root: string, x: ExecutionRecord): Promise<void> {
    const dir = paths.experiment(root, x.project, x.experiment)
    await this.ensureExperimentRepo(dir, x.experiment)
    const file = `executions/${x.version}/${FILES.execution}`
    await commitPaths({ dir, paths: [FILES.experiment, file], message: `execution ${x.version}: defined\n\nexecution: ${x.id}\n`, author: this.author, split: true })
    await this.link(root, x.project, x.experiment, `experiment ${x.experiment}: execution ${x.version} defined`)
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
