import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/core/model/types.js'
import { createApp } from '../../src/app/create-app.js'
import { RunsIndex } from '../../src/ui/server/runs-index.js'
import { sandbox } from '../helpers/cli.js'

describe('the runs index behind the live view', () => {
  const box = sandbox()
  const { run } = box.json<{ run: RunRecord }>(['experiment', 'execute', '--create-project', '--project', 'Live', '--name', 'iris-knn', '--dataset', 'iris', '--estimator', 'knn', '--split', 'cv', '--folds', '3', '--seed', '1'])
  const runs = join(box.root, 'projects', 'Live', 'experiments', 'iris-knn', 'executions', run.execution, 'runs')

  it('notices a new run and a rewritten run.json, and nothing when nothing changed', async () => {
    const index = new RunsIndex(await createApp({ configFile: box.config, git: false }))
    const first = await index.all()
    expect(first.map((d) => [d.id, d.status])).toEqual([[run.id, 'finished']])
    expect(index.changed()).toBe(false)
    expect(await index.all()).toBe(first)

    // A rewrite the way the file backend writes: a temp file renamed into the run's folder.
    const file = join(runs, run.run, 'run.json')
    writeFileSync(`${file}.tmp`, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), status: 'cancelled' }))
    renameSync(`${file}.tmp`, file)
    const copy = '29991231T000000000Z-beef'
    cpSync(join(runs, run.run), join(runs, copy), { recursive: true })
    writeFileSync(join(runs, copy, 'run.json'), JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), run: copy, id: `${run.id.slice(0, run.id.lastIndexOf(':'))}:${copy}`, startedAt: '2999-12-31T00:00:00.000Z', status: 'finished' }))

    const version = index.version
    const second = await index.all()
    expect(index.version).toBe(version + 1)
    expect(second.map((d) => [d.run, d.status])).toEqual([[copy, 'finished'], [run.run, 'cancelled']])
  })
})
