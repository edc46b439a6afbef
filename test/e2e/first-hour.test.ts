import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sandbox } from '../helpers/cli.js'

// Issue 13: the first hour with padre, through the built CLI in child processes.
const box = sandbox()

describe('command typos', () => {
  it('suggest the closest command and keep the argument apart', () => {
    const r = box.run(['project', 'creat', 'Wine2'])
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toBe("Error: Unknown command 'project creat'. Did you mean 'project create'? (padre project create Wine2)")
    expect(r.stderr).not.toMatch(/creat:Wine2/)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('keep flags after the suggested command', () => {
    const r = box.run(['experiment', 'exectue', '--file', 'a.ts'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/Did you mean 'experiment execute'.*\(padre experiment execute --file a\.ts\)/)
  })

  it('say how to see the commands when nothing is close', () => {
    const r = box.run(['zzzzzz'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^Error: Unknown command 'zzzzzz'\. Run 'padre --help'/)
  })
})

describe('dataset task detection, --force and delete/restore', () => {
  const wine = join(box.dir, 'wine.csv')
  // Integer classes 0/1/2 with 10 rows each: integers, 3 distinct values, at most one per 5 rows.
  const rows = Array.from({ length: 30 }, (_, i) => `${(i * 0.37).toFixed(2)},${(i % 7) + 0.5},${i % 3}`)
  writeFileSync(wine, `alcohol,ash,class\n${rows.join('\n')}\n`)

  it('an integer target with few distinct values is classification, said with the rule and the way to force the other', () => {
    const r = box.run(['dataset', 'load', '--file', wine, '--target', 'class'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Stored dataset 'wine': 30 rows, 2 features, classification \(3 classes\)/)
    expect(r.stdout).toMatch(/Task classification: the target 'class' has 3 distinct integer values in 30 rows \(integers with at most 20 distinct values and at most one per 5 rows are classes\)\. For regression, load again with --task regression --force\./)
  })

  it('a reload with the other task is refused without --force and replaces the dataset with it', () => {
    const refused = box.run(['dataset', 'load', '--file', wine, '--target', 'class', '--task', 'regression'])
    expect(refused.status).toBe(4)
    expect(refused.stderr).toMatch(/^Error: Dataset 'wine' already exists as classification \(this load: regression\)\. Replace it with --force/)
    expect(box.json<{ task: string }>(['dataset', 'get', 'wine']).task).toBe('classification')
    const forced = box.json<{ task: string; replaced: boolean; taskReason: string }>(['dataset', 'load', '--file', wine, '--target', 'class', '--task', 'regression', '--force'])
    expect(forced).toMatchObject({ task: 'regression', replaced: true, taskReason: 'forced with --task regression' })
    expect(box.json<{ task: string }>(['dataset', 'get', 'wine']).task).toBe('regression')
  })

  it('a numeric target with many distinct values is regression, and says so', () => {
    const file = join(box.dir, 'houses.csv')
    writeFileSync(file, `size,price\n${Array.from({ length: 12 }, (_, i) => `${i},${100 + i * 7.5}`).join('\n')}\n`)
    const r = box.run(['dataset', 'load', '--file', file, '--target', 'price'])
    expect(r.stdout).toMatch(/regression/)
    expect(r.stdout).toMatch(/Task regression: the target 'price' has non-integer numeric values\. For classification, load again with --task classification --force\./)
  })

  it('dataset delete needs --yes without a terminal, then restore brings it back', () => {
    const refused = box.run(['dataset', 'delete', 'wine'])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/^Error: Delete dataset 'wine': pass --yes to confirm/)
    expect(box.json<Array<{ name: string }>>(['dataset', 'list']).map((d) => d.name)).toContain('wine')
    expect(box.run(['dataset', 'delete', 'wine', '--yes']).status).toBe(0)
    expect(box.json<Array<{ name: string }>>(['dataset', 'list']).map((d) => d.name)).not.toContain('wine')
    expect(box.run(['dataset', 'get', 'wine']).status).toBe(3)
    const restored = box.run(['dataset', 'restore', 'wine'])
    expect(restored.stdout).toMatch(/Restored dataset 'wine'/)
    expect(box.json<{ task: string }>(['dataset', 'get', 'wine']).task).toBe('regression')
    expect(box.run(['dataset', 'delete', 'iris', '--yes']).stderr).toMatch(/built-in dataset/)
  })
})

describe('execute creates a project only when asked', () => {
  const knn = (project: string, ...extra: string[]) => ['experiment', 'execute', '-p', project, '--name', 'knn', '--dataset', 'iris', '--estimator', 'knn', '--folds', '3', ...extra]

  it('a typo is refused with the close match, and nothing is stored', () => {
    expect(box.run(knn('Wine', '--create-project')).status).toBe(0)
    const r = box.run(knn('Wnie'))
    expect(r.status).toBe(3)
    expect(r.stderr.trim()).toBe("Error: Project 'Wnie' does not exist. Did you mean 'Wine'? To create it, add --create-project (or set auto_create = true in [GENERAL] of the config).")
    expect(box.json<Array<{ name: string }>>(['project', 'list']).map((p) => p.name)).toEqual(['Wine'])
  })

  it('config auto_create = true creates it without the flag', () => {
    expect(box.run(['config', 'set', 'auto_create', 'true']).status).toBe(0)
    const r = box.run(knn('Auto'))
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/Created project Auto/)
    expect(box.run(['config', 'set', 'auto_create', 'false']).status).toBe(0)
  })
})

describe('project and experiment delete/restore (soft: git history keeps them)', () => {
  const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' })

  beforeAll(() => {
    for (const name of ['keep', 'drop']) {
      const r = box.run(['experiment', 'execute', '-p', 'Soft', '--create-project', '--name', name, '--dataset', 'iris', '--estimator', 'knn', '--folds', '3'])
      if (r.status !== 0) throw new Error(r.stderr)
    }
  })

  it('experiment delete drops the submodule in one project commit; restore links it again', () => {
    const project = join(box.root, 'projects', 'Soft')
    expect(box.run(['experiment', 'delete', 'Soft:drop']).stderr).toMatch(/pass --yes/)
    const del = box.run(['experiment', 'delete', 'drop', '-p', 'Soft', '--yes'])
    expect(del.status).toBe(0)
    expect(del.stdout).toMatch(/Deleted experiment 'Soft:drop'\. Bring it back with: padre experiment restore Soft:drop/)
    expect(box.json<Array<{ id: string }>>(['experiment', 'list', '-p', 'Soft']).map((e) => e.id)).toEqual(['Soft:keep'])
    expect(git(project, 'log', '-1', '--format=%s').stdout.trim()).toBe('Delete experiment drop')
    expect(git(project, 'status', '--porcelain').stdout).toBe('')
    expect(git(project, 'submodule', 'status').stdout).not.toMatch(/drop/)
    expect(git(project, 'show', 'HEAD~1:.gitmodules').stdout).toMatch(/submodule "drop"/)
    expect(existsSync(join(project, 'experiments', 'drop'))).toBe(false)

    const restored = box.run(['experiment', 'restore', 'Soft:drop'])
    expect(restored.status).toBe(0)
    expect(box.json<Array<{ id: string }>>(['experiment', 'list', '-p', 'Soft']).map((e) => e.id)).toEqual(['Soft:drop', 'Soft:keep'])
    expect(git(project, 'log', '-1', '--format=%s').stdout.trim()).toBe('Restore experiment drop')
    expect(git(project, 'submodule', 'status').stdout).toMatch(/^ [0-9a-f]{40} experiments\/drop/m)
    expect(git(project, 'status', '--porcelain').stdout).toBe('')
    expect(box.json<unknown[]>(['run', 'list', '-p', 'Soft', '-e', 'drop'])).toHaveLength(1)
  })

  it('project delete moves the repository aside with its history; restore brings it back', () => {
    expect(box.run(['project', 'delete', 'Soft']).status).toBe(2)
    expect(box.run(['project', 'delete', 'Soft', '--yes']).status).toBe(0)
    expect(box.json<Array<{ name: string }>>(['project', 'list']).map((p) => p.name)).not.toContain('Soft')
    expect(box.run(['project', 'get', 'Soft']).status).toBe(3)
    expect(box.run(['project', 'restore', 'Sfot']).stderr).toMatch(/Deleted project 'Sfot' not found\. Did you mean 'Soft'\?/)
    expect(box.run(['project', 'restore', 'Soft']).status).toBe(0)
    expect(box.json<{ experiments: Array<{ name: string }> }>(['project', 'get', 'Soft']).experiments.map((e) => e.name)).toEqual(['drop', 'keep'])
    expect(git(join(box.root, 'projects', 'Soft'), 'fsck').status).toBe(0)
  })
})

describe('experiment initialize fills in what the user has', () => {
  it('the only project, the most recently loaded dataset and its task\'s estimator; the file executes', () => {
    const fresh = sandbox()
    expect(fresh.run(['project', 'create', 'Houses']).status).toBe(0)
    const csv = join(fresh.dir, 'prices.csv')
    writeFileSync(csv, `size,rooms,price\n${Array.from({ length: 30 }, (_, i) => `${50 + i * 3},${1 + (i % 4)},${(100 + i * 4.25 + (i % 3)).toFixed(2)}`).join('\n')}\n`)
    expect(fresh.run(['dataset', 'load', '--file', csv, '--target', 'price']).status).toBe(0)
    const r = fresh.run(['experiment', 'initialize', '--name', 'price-model', '--no-editor'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/project Houses \(the only project\), dataset prices \(the most recently loaded\), estimator ridge \(for regression\)/)
    const text = readFileSync(join(fresh.dir, 'price-model.ts'), 'utf8')
    expect(text).toMatch(/project: "Houses"/)
    expect(text).toMatch(/dataset: "prices"/)
    expect(text).toMatch(/import \{ defineExperiment, ridge, standardScaler \} from 'padre'/)
    expect(text).toMatch(/pipeline: \[standardScaler\(\), ridge\(\{ alpha: 1 \}\)\]/)
    const run = fresh.json<{ run: { status: string; project: string; dataset: string; mainMetric: { name: string } } }>(['experiment', 'execute', '--file', join(fresh.dir, 'price-model.ts')]).run
    expect(run).toMatchObject({ status: 'finished', project: 'Houses', dataset: 'prices', mainMetric: { name: 'r2' } })
  })
})

describe('execution compare', () => {
  it('takes bare versions and shows the settings and metrics that changed, besides the source diff', () => {
    const fresh = sandbox()
    const code = join(fresh.dir, 'code')
    mkdirSync(code)
    const git = (...args: string[]) => spawnSync('git', args, { cwd: code, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } })
    const file = join(code, 'exp.ts')
    const write = (k: number) => writeFileSync(file, `import { defineExperiment, knn } from 'padre'
export default defineExperiment({ project: 'Cmp', name: 'iris-knn', dataset: 'iris', pipeline: [knn({ k: ${k} })], split: { strategy: 'cv', folds: 3 }, seed: 1 })
`)
    git('init', '-q', '-b', 'main')
    write(1)
    git('add', 'exp.ts')
    git('commit', '-qm', 'k=1')
    const a = fresh.json<{ execution: { version: string } }>(['experiment', 'execute', '--file', file]).execution.version
    write(25)
    git('commit', '-qam', 'k=25')
    const b = fresh.json<{ execution: { version: string } }>(['experiment', 'execute', '--file', file]).execution.version

    const r = fresh.run(['execution', 'compare', a, b])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Settings that changed:[\s\S]*knn\.k\s*│\s*1\s*│\s*25/)
    expect(r.stdout).toMatch(/Metrics that changed \(best point of each run\):[\s\S]*accuracy\s*│\s*\d\.\d{4}\s*│\s*\d\.\d{4}\s*│\s*[+-]\d\.\d{4}/)
    expect(r.stdout).toMatch(/^\+.*knn\(\{ k: 25 \}\)/m)
    const json = fresh.json<{ a: string; b: string; parameters: Array<{ name: string; a: unknown; b: unknown }>; metrics: Array<{ name: string; delta: number }> }>(['execution', 'compare', a.slice(0, 8), `Cmp:iris-knn:${b}`])
    expect(json.a).toBe(`Cmp:iris-knn:${a}`)
    expect(json.parameters).toEqual([{ name: 'knn.k', a: 1, b: 25 }])
    expect(json.metrics.map((m) => m.name)).toContain('accuracy')
    expect(fresh.run(['execution', 'compare', 'nope', b]).stderr).toMatch(/^Error: Execution 'nope' not found/)
  })
})

describe('output polish', () => {
  const out = sandbox()
  let grid: { stdout: string; stderr: string }
  beforeAll(() => {
    grid = out.run(['experiment', 'execute', '-p', 'Polish', '--create-project', '--name', 'grid', '--dataset', 'iris', '--estimator', 'knn', '--grid', 'knn.k=1,15,40', '--folds', '3', '--precision', '3'])
  })

  it('progress lines name every point (0 too) with its grid values; the best point is marked; means and stds share the precision', () => {
    expect(grid.stderr).toMatch(/^\[1\/9\] split 0, point 0 \(knn\.k=1\): accuracy \d\.\d{3} \(/m)
    expect(grid.stderr).toMatch(/^\[9\/9\] split 2, point 2 \(knn\.k=40\): accuracy/m)
    expect(grid.stdout).toMatch(/\* best point by accuracy/)
    expect(grid.stdout.match(/\d \*\s*│/g)).toHaveLength(1)
    expect(grid.stdout).toMatch(/\d\.\d{3} ± \d\.\d{3}/)
    expect(grid.stdout).not.toMatch(/\d\.\d{4}/)
  })

  it('compare_metrics: honest wording for ascending sorts, unknown metrics rejected, sorting by a parameter, short ids', () => {
    const asc = out.run(['metric', 'compare_metrics', '-p', 'Polish', '--ascending', '-l', '2'])
    expect(asc.stderr).toMatch(/Showing the lowest 2 of 3 rows by accuracy/)
    const best = out.run(['metric', 'compare_metrics', '-p', 'Polish', '-l', '2'])
    expect(best.stderr).toMatch(/Showing the highest 2 of 3 rows by accuracy/)
    const unknown = out.run(['metric', 'compare_metrics', '-p', 'Polish', '-m', 'mae'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toMatch(/^Error: Unknown metric 'mae': the runs have .*accuracy/)
    const byK = out.json<{ rows: Array<{ parameters: Record<string, number> }> }>(['metric', 'compare_metrics', '-p', 'Polish', '--sort', 'knn.k'])
    expect(byK.rows.map((r) => r.parameters['knn.k'])).toEqual([1, 15, 40])
    const table = out.run(['metric', 'compare_metrics', '-p', 'Polish']).stdout
    const run = out.json<Array<{ id: string; run: string }>>(['run', 'list', '-p', 'Polish'])[0]
    expect(table).toMatch(new RegExp(`│ grid\\s*│ ${run.run} │`))
    expect(table).not.toContain(run.id)
    expect(out.run(['metric', 'compare_metrics', '-p', 'Polish', '--wide']).stdout).toContain(run.id)
    expect(out.json<{ rows: unknown[] }>(['metric', 'compare_metrics', '-p', 'Polish', '-e', 'grid', '--execution', run.id.split(':')[2]]).rows).toHaveLength(3)
  })

  it('run list has -l, short ids and a labelled main metric; run get labels the source and record commits', () => {
    const list = out.run(['run', 'list', '-l', '1'])
    expect(list.status).toBe(0)
    expect(list.stdout).toMatch(/main metric \(best point\)/)
    const run = out.json<Array<{ id: string; run: string }>>(['run', 'list'])[0]
    expect(list.stdout).toContain(run.run)
    expect(list.stdout).not.toContain(run.id)
    const get = out.run(['run', 'get', run.run])
    expect(get.stdout).toMatch(/source commit\s*│ none: defined with flags/)
    expect(get.stdout).toMatch(/record commit\s*│ [0-9a-f]{12} \(padre's commit of this run/)
  })

  it('every list takes -l', () => {
    for (const list of [['project', 'list'], ['dataset', 'list'], ['experiment', 'list'], ['execution', 'list'], ['run', 'list']]) {
      expect(out.json<unknown[]>([...list, '-l', '1'])).toHaveLength(1)
    }
    expect(out.json<unknown[]>(['dataset', 'list'])).toHaveLength(2)
    const run = out.json<Array<{ id: string }>>(['run', 'list'])[0].id
    expect(out.json<unknown[]>(['computation', 'list', run, '-l', '2'])).toHaveLength(2)
  })

  it('--help shows no empty [default: ] for repeatable flags', () => {
    const help = out.run(['experiment', 'execute', '--help']).stdout
    expect(help).toMatch(/--grid/)
    expect(help).not.toMatch(/\[default: \]/)
  })

  it('a definition file outside git runs with a note that it is not versioned by commit', () => {
    const file = join(out.dir, 'loose.ts')
    writeFileSync(file, `import { defineExperiment, knn } from 'padre'
export default defineExperiment({ project: 'Polish', name: 'loose', dataset: 'iris', pipeline: [knn({ k: 3 })], split: { strategy: 'cv', folds: 3 }, seed: 1 })
`)
    const r = out.run(['experiment', 'execute', '--file', file])
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/^Note: .*loose\.ts is not under git: the version is the hash of the file content; commit it in a git repository to version executions by commit\.$/m)
  })
})
