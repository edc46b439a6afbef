import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AlreadyExistsError } from '../../core/errors.js'
import { withLock } from '../lock/file-lock.js'
import type { EventBus } from '../../core/events.js'
import { FILES, paths } from '../../core/model/paths.js'
import { createJsonExclusive, writeJsonAtomic } from './atomic.js'
import { writeModelAlias, writeModelVersion } from './model-registry.js'

/** Writes every record as JSON under root_dir, atomically. Subscribe it before any backend that reads the files. */
export class FileBackend {
  subscribe(bus: EventBus): void {
    // Created once: a second process creating the same project or experiment keeps the first record.
    bus.on('project:created', async ({ root, project }) => {
      await createJsonExclusive(join(paths.project(root, project.name), FILES.project), project)
    }, 'the file backend')

    bus.on('experiment:created', async ({ root, experiment: e }) => {
      await createJsonExclusive(join(paths.experiment(root, e.project, e.name), FILES.experiment), e)
    }, 'the file backend')

    bus.on('execution:created', ({ root, execution: x }) =>
      writeJsonAtomic(join(paths.execution(root, x.project, x.experiment, x.version), FILES.execution), x), 'the file backend')

    bus.on('run:started', ({ root, run: r }) =>
      writeJsonAtomic(join(paths.run(root, r.project, r.experiment, r.execution, r.run), FILES.run), r), 'the file backend')

    bus.on('computation:finished', async ({ root, run: r, computation, results, metrics }) => {
      const local = computation.id.slice(computation.id.lastIndexOf(':') + 1)
      const dir = paths.computation(root, r.project, r.experiment, r.execution, r.run, local)
      await writeJsonAtomic(join(dir, FILES.results), results)
      await writeJsonAtomic(join(dir, FILES.metrics), metrics)
      await writeJsonAtomic(join(dir, FILES.computation), computation)
    }, 'the file backend')

    bus.on('run:ended', async ({ root, run: r, metrics }) => {
      const dir = paths.run(root, r.project, r.experiment, r.execution, r.run)
      if (metrics) await writeJsonAtomic(join(dir, FILES.metrics), metrics)
      await writeJsonAtomic(join(dir, FILES.run), r)
    }, 'the file backend')

    bus.on('run:reevaluated', async ({ root, run: r, reevaluation, metrics, computations }) => {
      const dir = paths.reevaluation(root, r.project, r.experiment, r.execution, r.run, reevaluation.name)
      for (const c of computations) await writeJsonAtomic(join(dir, 'computations', c.name, FILES.metrics), c.metrics)
      await writeJsonAtomic(join(dir, FILES.metrics), metrics)
      await writeJsonAtomic(join(dir, FILES.reevaluation), reevaluation)
    }, 'the file backend')
    bus.on('run:annotated', ({ root, run: r }) =>
      writeJsonAtomic(join(paths.run(root, r.project, r.experiment, r.execution, r.run), FILES.run), r), 'the file backend')

    // Two loads of one name at once: under a lock, the first stores it; the same content again is a
    // no-op, other content is refused (never a record of one file with the data of another).
    bus.on('dataset:stored', async ({ root, dataset, data }) => {
      const dir = paths.dataset(root, dataset.name)
      await mkdir(paths.datasets(root), { recursive: true })
      await withLock(`${dir}.lock`, async () => {
        const existing = await readFile(join(dir, FILES.dataset), 'utf8').then((t) => JSON.parse(t) as { hash?: string }, () => undefined)
        if (existing?.hash === dataset.hash) return
        if (existing) throw new AlreadyExistsError(`Dataset '${dataset.name}' was just stored by another padre with other content (hash ${String(existing.hash).slice(0, 12)}). Load yours under another name with --name.`)
        await writeJsonAtomic(join(dir, FILES.datasetData), data)
        await writeJsonAtomic(join(dir, FILES.dataset), dataset)
      }, { what: `dataset '${dataset.name}'` })
    }, 'the file backend')

    bus.on('model:registered', ({ root, version, alias }) => writeModelVersion(root, version, alias), 'the file backend')
    bus.on('model:aliased', ({ root, project, name, alias, version }) => writeModelAlias(root, project, name, alias, version), 'the file backend')
  }
}
