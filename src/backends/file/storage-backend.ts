import { AlreadyExistsError } from '../../core/errors.js'
import type { EventBus, EventName, PadreEvents } from '../../core/events.js'
import { SCHEMA_VERSION } from '../../core/model/types.js'
import { VersionTakenError } from '../../core/models/registry.js'
import type { RecordId, Storage } from '../../core/storage.js'

const NAME = 'the file backend'

/**
 * Turns the services' events into Storage.put calls, in the order the files were always written
 * (a run's record last, so that a run folder with run.json is complete). Subscribe it before any
 * backend that reads the records (git commits them, the index reads them).
 */
export class StorageBackend {
  private readonly storageFor: (root: string) => Storage

  /** A storage, or one per event root (the events name the root_dir they belong to). */
  constructor(storage: Storage | ((root: string) => Storage), private readonly name = NAME) {
    this.storageFor = typeof storage === 'function' ? storage : () => storage
  }

  subscribe(bus: EventBus): void {
    const on = <K extends EventName>(type: K, handler: (payload: PadreEvents[K], s: Storage) => Promise<void>) =>
      bus.on(type, (payload) => handler(payload, this.storageFor(payload.root)), this.name)
    // Created once: a second process creating the same project or experiment keeps the first record.
    on('project:created', async ({ project }, s) => { await s.put({ kind: 'project', project: project.name }, project, { exclusive: true }) })
    on('experiment:created', async ({ experiment: e }, s) => {
      await s.put({ kind: 'experiment', project: e.project, experiment: e.name }, e, { exclusive: true })
    })

    on('execution:created', async ({ execution: x }, s) => {
      await s.put({ kind: 'execution', project: x.project, experiment: x.experiment, execution: x.version }, x)
    })

    on('run:started', async ({ run: r }, s) => { await s.put({ kind: 'run', ...runId(r) }, r) })

    on('computation:finished', async ({ run: r, computation, results, metrics }, s) => {
      const id = { ...runId(r), computation: computation.id.slice(computation.id.lastIndexOf(':') + 1) }
      await s.put({ kind: 'results', ...id }, results)
      await s.put({ kind: 'computationMetrics', ...id }, metrics)
      await s.put({ kind: 'computation', ...id }, computation)
    })

    on('run:ended', async ({ run: r, metrics }, s) => {
      if (metrics) await s.put({ kind: 'runMetrics', ...runId(r) }, metrics)
      await s.put({ kind: 'run', ...runId(r) }, r)
    })

    on('run:reevaluated', async ({ run: r, reevaluation, metrics, computations }, s) => {
      const id = { ...runId(r), reevaluation: reevaluation.name }
      for (const c of computations) await s.put({ kind: 'reevaluatedComputationMetrics', ...id, computation: c.name }, c.metrics)
      await s.put({ kind: 'reevaluationMetrics', ...id }, metrics)
      await s.put({ kind: 'reevaluation', ...id }, reevaluation)
    })
    on('run:annotated', async ({ run: r }, s) => { await s.put({ kind: 'run', ...runId(r) }, r) })

    // Two loads of one name at once: under a lock, the first stores it; the same content again is a
    // no-op, other content is refused (never a record of one file with the data of another).
    on('dataset:stored', async ({ dataset, data }, s) => {
      const id = { kind: 'dataset', dataset: dataset.name } as const
      const store = async () => {
        const existing = await s.get(id)
        if (existing?.hash === dataset.hash) return
        if (existing) throw new AlreadyExistsError(`Dataset '${dataset.name}' was just stored by another padre with other content (hash ${String(existing.hash).slice(0, 12)}). Load yours under another name with --name.`)
        await s.put({ kind: 'datasetData', dataset: dataset.name }, data)
        await s.put(id, dataset)
      }
      await (s.exclusively ? s.exclusively(id, store) : store())
    })

    // A version is created once: two registrations racing for one number leave the first (the other retries).
    on('model:registered', async ({ version: v, alias }, s) => {
      const aliasesId = { kind: 'modelAliases', project: v.project, model: v.name } as const
      await exclusively(s, aliasesId, async () => {
        if (!(await s.put({ kind: 'modelVersion', project: v.project, model: v.name, version: String(v.version) }, v, { exclusive: true }))) {
          throw new VersionTakenError(`Version ${v.version} of model '${v.name}' was just registered by another padre; run the command again for the next version.`)
        }
        if (alias) await setAlias(s, v.project, v.name, alias, v.version)
      })
    })
    on('model:aliased', async ({ project, name, alias, version }, s) => {
      await exclusively(s, { kind: 'modelAliases', project, model: name }, () => setAlias(s, project, name, alias, version))
    })
  }
}

const exclusively = <T>(s: Storage, id: RecordId, fn: () => Promise<T>) => (s.exclusively ? s.exclusively(id, fn) : fn())

/** Read-modify-write of a model's aliases: hold the model's lock. */
async function setAlias(s: Storage, project: string, model: string, alias: string, version: number): Promise<void> {
  const current = await s.get({ kind: 'modelAliases', project, model })
  await s.put({ kind: 'modelAliases', project, model }, {
    schemaVersion: SCHEMA_VERSION, project, name: model, aliases: { ...(current?.aliases ?? {}), [alias]: version }, updatedAt: new Date().toISOString(),
  })
}

const runId = (r: { project: string; experiment: string; execution: string; run: string }) =>
  ({ project: r.project, experiment: r.experiment, execution: r.execution, run: r.run })
