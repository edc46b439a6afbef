import { Flags, type Interfaces } from '@oclif/core'
import { offlineFlag } from '../../cli/offline-flag.js'
import { PadreCommand } from '../../cli/base-command.js'
import { renderRunMetrics } from '../../cli/render-metrics.js'
import { fmtMs } from '../../cli/render.js'
import { CancelledError, InvalidInputError, NotFoundError } from '../../core/errors.js'
import type { RunRecord, SplitStrategy } from '../../core/model/types.js'
import type { ExecuteResult, ProgressEvent } from '../../core/services/execute.js'

export default class ExperimentExecute extends PadreCommand {
  static override description = 'Execute an experiment: fit and evaluate its pipeline on every split (and grid point), and record the run'
  static override examples = [
    '<%= config.bin %> experiment execute --file examples/iris-svc.ts',
    '<%= config.bin %> experiment execute --project Examples --name iris-knn --dataset iris --estimator knn --param knn.k=7 --split cv --folds 5 --seed 1',
    '<%= config.bin %> experiment execute -p Examples --name iris-grid --dataset iris --transformer standardScaler --estimator knn --grid knn.k=1,5,9',
    '<%= config.bin %> experiment execute --file examples/iris-svc.ts --jobs 2',
    '<%= config.bin %> experiment execute -p Examples --name iris-rep --dataset iris --estimator knn --split stratified --folds 5 --repeats 3',
    '<%= config.bin %> experiment execute -p Examples --name iris-loo --dataset iris --estimator knn --split leaveOneOut',
    '<%= config.bin %> experiment execute -p Scratch --create-project --name try --dataset iris --estimator knn --backend memory',
  ]
  static override flags = {
    file: Flags.string({ char: 'f', description: 'definition file (.ts, .js, .mjs) exporting defineExperiment({...})', exclusive: ['dataset', 'estimator'] }),
    project: Flags.string({ char: 'p', description: 'project (a missing one needs --create-project; a definition file\'s project is created)' }),
    'create-project': Flags.boolean({ description: 'create the project if it does not exist (or set [GENERAL] auto_create = true)' }),
    name: Flags.string({ char: 'n', description: 'experiment name (created if missing)' }),
    dataset: Flags.string({ char: 'd', description: "dataset name (built-in: iris, diabetes; see 'padre dataset list')" }),
    estimator: Flags.string({ description: 'the estimator: knn, gaussianNB, logisticRegression, decisionTree, randomForest, svc, linearRegression, ridge' }),
    transformer: Flags.string({ description: 'a transformer before the estimator (repeatable): standardScaler, minMaxScaler, pca', multiple: true }),
    param: Flags.string({ description: 'a parameter, <component>.<name>=<value> (repeatable)', multiple: true }),
    grid: Flags.string({ description: 'grid values, <component>.<name>=<v1>,<v2>,... (repeatable; all combinations run)', multiple: true }),
    split: Flags.string({ description: 'split strategy (leaveOneOut: one split per row, up to 1000 rows)', options: ['cv', 'stratified', 'random', 'leaveOneOut'], default: 'cv' }),
    folds: Flags.integer({ description: 'folds for cv and stratified', default: 5 }),
    repeats: Flags.integer({ description: 'cv and stratified: repeat the folds this many times, each repeat reshuffled from the seed' }),
    'test-ratio': Flags.string({ description: 'share of rows held out by the random split', default: '0.25' }),
    'no-shuffle': Flags.boolean({ description: 'keep the rows in file order when splitting' }),
    seed: Flags.integer({ description: 'seed for the splits and the estimators', default: 1 }),
    'no-cache': Flags.boolean({ description: 'compute every computation again, even those whose inputs equal recorded ones' }),
    'no-models': Flags.boolean({ description: 'keep no model.json (fitted pipeline) per computation' }),
    queue: Flags.string({ description: "send the computations to 'padre worker' processes through this Redis server (redis://host:6379); this process records the results" }),
    jobs: Flags.integer({ char: 'j', description: 'worker threads for the computations (default: every core when the run is big enough, else this process)' }),
    precision: Flags.integer({ description: 'decimals of metric values', default: 4, min: 0, max: 12 }),
    offline: offlineFlag,
    backend: Flags.string({ description: "where to record: 'memory' prints the results and stores nothing (stored datasets stay readable), or backend URIs as [BACKEND] uri takes (git://<path>, file://<path>, memory://, comma-separated)" }),
  }

  private points: RunRecord['points'] = []
  private gridKeys: string[] = []
  private precision = 4

  async run(): Promise<ExecuteResult> {
    const { flags } = await this.parse(ExperimentExecute)
    this.precision = flags.precision
    const app = await this.app(flags.config, flags.backend)
    const { executeExperiment } = await import('../../core/services/execute.js')
    const { file, definition } = flags.file ? await (await import('../../core/definition/load-definition.js')).loadDefinitionFile(flags.file) : { file: undefined, definition: await this.fromFlags(flags) }
    if (!flags.file) definition.project = await this.projectToUse(app, definition.project, flags['create-project'])
    const { signal, release } = this.interruptSignal()
    const result = await executeExperiment(app, definition, { file, signal, jobs: flags.jobs, queue: flags.queue, offline: flags.offline, cache: !flags['no-cache'], models: !flags['no-models'], onProgress: (e) => this.progress(e) }).finally(release)
    this.log(`Run ${result.run.id} ${result.run.status} in ${fmtMs(result.run.durationMs)}`)
    if (app.storage.uri.startsWith('memory://')) this.note('Stored nothing (memory backend): this run is gone when the command ends.')
    if (result.execution.source.kind === 'file') this.note(`Note: ${result.execution.source.file} is ${result.execution.source.note ?? 'not in a git repository'}; commit it in a git repository to version executions by commit.`)
    await this.show(() => renderRunMetrics(result.metrics, { precision: flags.precision, best: result.run.mainMetric }))
    return result
  }

  private async fromFlags(flags: Interfaces.InferredFlags<typeof ExperimentExecute.flags>) {
    const missing = (['project', 'name', 'dataset', 'estimator'] as const).filter((k) => !flags[k] && !(k === 'project' && this.scope({}).project))
    if (missing.length) throw new InvalidInputError(`Missing ${missing.map((m) => `--${m}`).join(', ')}: give --file <definition>, or --project, --name, --dataset and --estimator.`)
    const testRatio = Number(flags['test-ratio'])
    const { definitionFromFlags } = await import('../../core/definition/from-flags.js')
    return definitionFromFlags({
      project: (flags.project ?? this.scope({}).project)!, name: flags.name!, dataset: flags.dataset!, transformers: flags.transformer ?? [],
      estimator: flags.estimator!, params: flags.param ?? [], grid: flags.grid ?? [], seed: flags.seed,
      split: {
        strategy: flags.split as SplitStrategy, ...(flags.split === 'random' ? { testRatio } : flags.split === 'leaveOneOut' ? {} : { folds: flags.folds }),
        ...(flags.split === 'leaveOneOut' ? {} : { shuffle: !flags['no-shuffle'] }), ...(flags.repeats !== undefined ? { repeats: flags.repeats } : {}),
      },
    })
  }

  /**
   * A project named on the command line is created only when asked: --create-project, auto_create, or
   * a yes at the terminal; a close existing name is offered for a typo. (A definition file's project
   * was written on purpose: it is created without asking.)
   */
  private async projectToUse(app: Awaited<ReturnType<PadreCommand['app']>>, name: string, create: boolean): Promise<string> {
    const { checkExecuteProject } = await import('../../core/services/execute-project.js')
    const check = await checkExecuteProject(app, name)
    if (check.exists || create || check.autoCreate) return name
    const { canPrompt } = await import('../../cli/prompt-missing.js')
    if (canPrompt(this.argv)) {
      const { select } = await import('@inquirer/prompts')
      const choice = await select({
        message: `Project '${name}' does not exist.`,
        choices: [...check.close.map((c) => ({ name: `use '${c}'`, value: c })), { name: `create '${name}'`, value: name }, { name: 'cancel', value: '' }],
      })
      if (!choice) throw new CancelledError('Nothing executed.')
      return choice
    }
    const close = check.close.length ? ` Did you mean ${check.close.map((c) => `'${c}'`).join(', ')}?` : ''
    throw new NotFoundError(`Project '${name}' does not exist.${close} To create it, add --create-project (or set auto_create = true in [GENERAL] of the config).`, check.close)
  }

  /** The shell's signal, or (as a plain command) Ctrl-C stopping after the current split so the run is recorded as cancelled. */
  private interruptSignal(): { signal: AbortSignal; release: () => void } {
    if (this.abortSignal) return { signal: this.abortSignal, release: () => {} }
    const controller = new AbortController()
    const onInterrupt = () => {
      this.note('Stopping after the current split (Ctrl-C again to quit at once)...')
      controller.abort()
      process.once('SIGINT', () => process.exit(130))
    }
    process.once('SIGINT', onInterrupt)
    return { signal: controller.signal, release: () => process.off('SIGINT', onInterrupt) }
  }

  private progress(e: ProgressEvent): void {
    if (e.type === 'created') this.note(`Created ${e.what} ${e.id}`)
    else if (e.type === 'run-started') {
      this.points = e.run.points
      this.gridKeys = Object.keys(e.run.grid ?? {})
      this.note(`Run ${e.run.run}: ${e.total} computation${e.total === 1 ? '' : 's'} on ${e.run.dataset}${e.queue ? `, on the workers of ${e.queue}` : e.jobs > 1 ? `, ${e.jobs} worker threads` : ''}`)
    } else {
      // With a grid, every line names its point (0 too) and the point's grid values.
      const values = this.gridKeys.map((k) => `${k}=${this.points[e.point]?.[k]}`).join(' ')
      const point = this.points.length > 1 ? `, point ${e.point}${values ? ` (${values})` : ''}` : ''
      this.note(`[${e.done}/${e.total}] split ${e.split}${point}: ${e.metric} ${e.value.toFixed(this.precision)} (${e.reusedFrom ? `reused from run ${e.reusedFrom.split(':')[3]}` : fmtMs(e.ms)})`)
    }
  }
}
