import { join } from 'node:path'
import type { EventBus } from '../../core/events.js'
import { FILES, paths } from '../../core/model/paths.js'
import { createJsonExclusive, writeJsonAtomic } from './atomic.js'

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

    bus.on('dataset:stored', async ({ root, dataset, data }) => {
      const dir = paths.dataset(root, dataset.name)
      await writeJsonAtomic(join(dir, FILES.datasetData), data)
      await writeJsonAtomic(join(dir, FILES.dataset), dataset)
    }, 'the file backend')
  }
}
