// Issue 7 item 7: a training split that holds two of iris's three classes (3-fold cv without shuffling:
// each fold leaves one species out) gets scikit-learn's binary sigmoid model, not a softmax.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ResultsFile } from '../../src/core/model/types.js'
import { REPO, sandbox } from '../helpers/cli.js'

const SKLEARN = `
import csv, json, sys, warnings
import numpy as np
from sklearn.linear_model import LogisticRegression
rows = list(csv.DictReader(open(sys.argv[1])))
classes = sorted(set(r['species'] for r in rows))
X = np.array([[float(r[c]) for c in rows[0] if c != 'species'] for r in rows])
y = np.array([classes.index(r['species']) for r in rows])
out = []
for test in json.loads(sys.stdin.read()):
    train = np.setdiff1d(np.arange(len(y)), test)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        model = LogisticRegression(C=1.0, solver='newton-cg', tol=1e-12, max_iter=100000).fit(X[train], y[train])
    proba = np.zeros((len(test), len(classes)))
    proba[:, model.classes_] = model.predict_proba(X[test])
    out.append({'classes': [classes[c] for c in model.classes_], 'proba': proba.tolist()})
print(json.dumps(out))
`

test('logisticRegression on training splits with two of three classes matches scikit-learn to 1e-6', () => {
  const box = sandbox()
  const run = box.run(['experiment', 'execute', '--create-project', '--project', 'P', '--name', 'lr', '--dataset', 'iris', '--estimator', 'logisticRegression', '--split', 'cv', '--folds', '3', '--no-shuffle'])
  expect(run.stderr).not.toMatch(/error/i)
  expect(run.status).toBe(0)
  const executions = join(box.root, 'projects', 'P', 'experiments', 'lr', 'executions')
  const runs = join(executions, readdirSync(executions)[0], 'runs')
  const computations = join(runs, readdirSync(runs)[0], 'computations')
  const results = readdirSync(computations).sort().map((c) => JSON.parse(readFileSync(join(computations, c, 'results.json'), 'utf8')) as ResultsFile)
  expect(results).toHaveLength(3)
  const tests = results.map((r) => r.rows.map((row) => row.index))
  const python = spawnSync('/usr/bin/python3', ['-c', SKLEARN, join(REPO, 'data', 'iris.csv')], { input: JSON.stringify(tests), encoding: 'utf8' })
  expect(python.stderr).toBe('')
  const sklearn = JSON.parse(python.stdout) as Array<{ classes: string[]; proba: number[][] }>
  results.forEach((r, fold) => {
    expect(sklearn[fold].classes).toHaveLength(2) // the premise: two classes in each training split
    expect(r.classes).toEqual(['setosa', 'versicolor', 'virginica'])
    let worst = 0
    r.rows.forEach((row, i) => row.probabilities!.forEach((p, c) => (worst = Math.max(worst, Math.abs(p - sklearn[fold].proba[i][c])))))
    process.stdout.write(`[sklearn diff] logisticRegression iris 3-fold no-shuffle fold ${fold}: ${worst.toExponential(2)}\n`)
    expect(worst).toBeLessThan(1e-6)
  })
})
