import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sandbox, type Sandbox } from '../helpers/cli.js'

/** What can be known before a run starts fails the command, and nothing is stored. */
describe('validate before storing', () => {
  let box: Sandbox
  beforeEach(() => { box = sandbox() })
  afterEach(() => rmSync(box.dir, { recursive: true, force: true }))

  const execute = (...extra: string[]) => box.run(['experiment', 'execute', '--create-project', '--project', 'V', '--name', 'e', '--dataset', 'iris', ...extra])

  test.each([
    [['--estimator', 'knn', '--param', 'knn.k=500'], /^Error: knn: k=500 is more than the 120 training rows of the smallest split: lower --param knn\.k to at most 120\. Nothing was stored\.\n$/],
    [['--estimator', 'knn', '--grid', 'knn.k=3,200'], /^Error: knn: k=200 is more than/],
    [['--estimator', 'svc', '--param', 'svc.C=0'], /^Error: svc: C must be > 0, got 0/],
    [['--estimator', 'logisticRegression', '--param', 'logisticRegression.C=0'], /^Error: logisticRegression: C must be > 0/],
    [['--estimator', 'knn', '--transformer', 'pca', '--param', 'pca.nComponents=9'], /^Error: pca: nComponents=9 is more than min\(training rows, features\) = 4/],
  ])('%j fails with one line, exit 2, nothing stored', (args, message) => {
    const r = execute(...args)
    expect(r.stderr).toMatch(message)
    expect(r.status).toBe(2)
    expect(existsSync(join(box.root, 'projects'))).toBe(false)
  })

  test('a root_dir that is a file: config error naming the key and the fix, exit 5', () => {
    writeFileSync(box.config, `[LOCAL BACKEND]\nroot_dir = ${box.config}\n`)
    for (const args of [['project', 'list'], ['experiment', 'execute', '--create-project', '--project', 'V', '--name', 'e', '--dataset', 'iris', '--estimator', 'knn']]) {
      const r = box.run(args)
      expect(r.stderr).toBe(`Error: root_dir ${box.config} is a file, not a folder: set [LOCAL BACKEND] root_dir to a folder you can write ('padre config set root_dir <folder>').\n`)
      expect(r.status).toBe(5)
    }
  })

  test('a root_dir under a file: config error, exit 5, nothing written', () => {
    writeFileSync(box.config, `[LOCAL BACKEND]\nroot_dir = ${join(box.config, 'root')}\n`)
    const r = box.run(['experiment', 'execute', '--create-project', '--project', 'V', '--name', 'e', '--dataset', 'iris', '--estimator', 'knn'])
    expect(r.stderr).toMatch(/^Error: root_dir .* lies under a file, not a folder: set \[LOCAL BACKEND\] root_dir/)
    expect(r.stderr.split('\n')).toHaveLength(2)
    expect(r.status).toBe(5)
    expect(readdirSync(box.dir).sort()).toEqual(['padre.cfg'])
  })
})
