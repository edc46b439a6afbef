// npm run bench: every benchmark, printed as one JSON object. BENCH_ONLY=<names, comma-separated> picks some.
const suites = {
  core: './core.mjs',
  git: './git.mjs',
  shell: './shell.mjs',
  scale: './scale.mjs',
  metrics: './metrics.mjs',
  command: './command.mjs',
  estimators: './estimators.mjs',
  analysis: './analysis.mjs',
  ui: './ui.mjs',
  modelState: './model-state.mjs',
  storage: './storage.mjs',
  artifacts: './artifacts.mjs',
  models: './models.mjs',
  gc: './gc.mjs',
  query: './query.mjs',
  svc: './svc.mjs',
}
const only = process.env.BENCH_ONLY?.split(',') ?? Object.keys(suites)
const out = {}
for (const name of only) {
  const started = Date.now()
  process.stderr.write(`bench ${name}...\n`)
  try {
    out[name] = await (await import(suites[name])).run()
  } catch (error) {
    out[name] = { error: String(error?.stack ?? error) }
    process.exitCode = 1
  }
  process.stderr.write(`bench ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}
console.log(JSON.stringify(out, null, 2))
