// svc's time split between fit and predict on the estimator benchmark's rows (7,500 to fit, 2,500 to
// predict, 20 features, 3 classes), CPU time, median of BENCH_REPEATS (default 5) warm repeats in one
// process. Baseline in the same run: libsvm-js's own row-by-row predict_one on the same fitted model
// (what padre's svc called before the batch predictor), interleaved with the batch path, and
// scikit-learn's fit and predict (Debian's /usr/bin/python3, one thread) when present. Build first.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeData } from './estimators.mjs'
import { readRows } from './estimators-rows.mjs'
import { median } from './measure.mjs'

const PYTHON = '/usr/bin/python3'
const round = (x) => Math.round(x * 10) / 10
const cpu = () => {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1000
}

const SKLEARN = `
import sys, time, json, numpy as np
from threadpoolctl import threadpool_limits
from sklearn.svm import SVC
d, repeats = sys.argv[1], int(sys.argv[2])
tr = np.loadtxt(d + '/classification-train.csv', delimiter=',')
te = np.loadtxt(d + '/classification-test.csv', delimiter=',')
fit, predict = [], []
with threadpool_limits(1):
    for _ in range(repeats):
        m = SVC()
        t0 = time.process_time(); m.fit(tr[:, :-1], tr[:, -1]); t1 = time.process_time(); m.predict(te[:, :-1]); t2 = time.process_time()
        fit.append((t1 - t0) * 1000); predict.append((t2 - t1) * 1000)
print(json.dumps({'fit': sorted(fit)[len(fit) // 2], 'predict': sorted(predict)[len(predict) // 2]}))
`

export async function run({ repeats = Number(process.env.BENCH_REPEATS ?? 5) } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'padre-bench-svc-'))
  try {
    makeData(dir)
    const train = readRows(join(dir, 'classification-train.csv'))
    const test = readRows(join(dir, 'classification-test.csv'))
    const { loadComponent } = await import('../dist/core/estimators/registry.js')
    const { withDefaults } = await import('../dist/core/pipeline/params.js')
    const definition = await loadComponent('svc')
    const fit = []
    const batch = []
    const rows = []
    let identical = true
    for (let r = 0; r < repeats; r++) {
      const svc = await definition.create(withDefaults(definition, {}))
      let c0 = cpu()
      svc.fit(train.X, train.y)
      fit.push(cpu() - c0)
      c0 = cpu()
      const predicted = svc.predict(test.X)
      batch.push(cpu() - c0)
      c0 = cpu()
      const { cols, data } = test.X
      const own = Float64Array.from({ length: test.X.rows }, (_, i) => svc.model.predictOne(data.subarray(i * cols, (i + 1) * cols)))
      rows.push(cpu() - c0)
      identical &&= own.every((v, i) => v === predicted[i])
      svc.dispose()
    }
    const out = {
      repeats,
      fit_cpu_ms: round(median(fit)),
      predict_batch_cpu_ms: round(median(batch)),
      predict_libsvm_rows_cpu_ms: round(median(rows)),
      predict_speedup: round(median(rows) / median(batch)),
      same_predictions: identical,
    }
    if (existsSync(PYTHON)) {
      const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }
      const r = spawnSync(PYTHON, ['-c', SKLEARN, dir, String(repeats)], { encoding: 'utf8', env })
      if (r.status === 0) {
        const sk = JSON.parse(r.stdout)
        Object.assign(out, {
          sklearn_fit_cpu_ms: round(sk.fit),
          sklearn_predict_cpu_ms: round(sk.predict),
          ratio_fit: round(median(fit) / sk.fit),
          ratio_predict: round(median(batch) / sk.predict),
        })
      } else out.sklearn = `not run: ${r.stderr.trim().split('\n').pop()}`
    }
    return out
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
