// Child process of bench/estimators.mjs: times one padre pipeline (fitPredict, as a run calls it) on the
// benchmark's CSV rows, in wall time and in CPU time (every thread of the process: GC included). The first call pays module loading and JIT warm-up (what a command-line run pays).
import { performance } from 'node:perf_hooks'
import { loadComponent } from '../dist/core/estimators/registry.js'
import { fitPredict } from '../dist/core/pipeline/fit-predict.js'
import { withDefaults } from '../dist/core/pipeline/params.js'
import { CASES } from './estimators-cases.mjs'
import { readRows } from './estimators-rows.mjs'

// BENCH_KERNELS=off: the JavaScript loops instead of linalg's WebAssembly kernels (the baseline); imported only
// then, so that with the kernels on their module's loading stays inside the cold timing
if (process.env.BENCH_KERNELS === 'off') (await import('../dist/core/estimators/linalg-wasm.js')).useLinalgKernels(false)

const [name, dir, repeats] = process.argv.slice(2)
const spec = CASES.find((c) => c.name === name)
const train = readRows(`${dir}/${spec.task}-train.csv`)
const test = readRows(`${dir}/${spec.task}-test.csv`)
const ctx = { task: spec.task, nClasses: spec.task === 'classification' ? 3 : 0, seed: 1 }

async function once() {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const steps = []
  for (const [component, params] of spec.padre) {
    const definition = await loadComponent(component)
    steps.push({ definition, params: withDefaults(definition, params) })
  }
  const { predicted } = await fitPredict(steps, train, test.X, ctx)
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(c0)
  if (predicted.length !== test.X.rows) throw new Error('wrong number of predictions')
  return { wall, cpu: (cpu.user + cpu.system) / 1000 }
}

const cold = await once()
const warm = []
for (let i = 0; i < Number(repeats); i++) warm.push(await once())
process.stdout.write(JSON.stringify({ cold, warm }))
