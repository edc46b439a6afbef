// One run: summary, environment, code version, per-split metrics, confusion matrix, per-row results.
import { useEffect, useState } from 'preact/hooks'
import { api, enc } from './api.js'
import { fmt, fmtMs, fmtTime, html, link } from './util.js'

const ROWS = 25

export function RunPage({ id }) {
  const [data, setData] = useState()
  const [error, setError] = useState()
  const [chosen, setChosen] = useState()
  useEffect(() => {
    api(`runs/${enc(id)}`).then((d) => { setData(d); setChosen(d.computations[0]?.id.split(':').pop()) }).catch((e) => setError(e.message))
  }, [id])
  if (error) return html`<p class="error" id="error">${error}</p>`
  if (!data) return html`<p class="muted">Loading…</p>`
  const { run, computations, execution } = data
  const metricNames = [...new Set(computations.flatMap((c) => Object.keys(c.metrics?.values ?? {})))]
  const current = computations.find((c) => c.id.endsWith(`:${chosen}`))
  return html`
    <h1>Run <small>${run.id}</small></h1>
    <p><a href=${link('/runs', { project: run.project, experiment: run.experiment })}>← runs of ${run.project} / ${run.experiment}</a></p>
    <table class="kv" id="summary"><tbody>
      <tr><th>status</th><td class=${`status ${run.status}`}>${run.status}</td></tr>
      ${run.error ? html`<tr><th>error</th><td class="error">${run.error}</td></tr>` : null}
      ${run.failure ? html`<tr><th>failure</th><td><pre>${JSON.stringify(run.failure, null, 2)}</pre></td></tr>` : null}
      <tr><th>dataset</th><td>${run.dataset}</td></tr>
      <tr><th>pipeline</th><td>${run.pipeline.map((s) => `${s.component}(${Object.entries(s.params).map(([k, v]) => `${k}=${v}`).join(', ')})`).join(' → ')}</td></tr>
      <tr><th>split</th><td>${JSON.stringify(run.split)}</td></tr>
      <tr><th>seed</th><td>${run.seed}</td></tr>
      <tr><th>started</th><td>${fmtTime(run.startedAt)}</td></tr>
      <tr><th>duration</th><td>${fmtMs(run.durationMs)}</td></tr>
      ${run.mainMetric ? html`<tr><th>main metric</th><td>${run.mainMetric.name} ${fmt(run.mainMetric.value)}</td></tr>` : null}
    </tbody></table>
    <h2>Code version</h2>
    ${execution ? html`<${Source} execution=${execution} />` : html`<p class="muted">The execution record is missing.</p>`}
    <h2>Environment</h2>
    <table class="kv" id="environment"><tbody>
      ${['node', 'os', 'arch', 'cpus', 'cpuModel', 'padre', 'datasetHash'].map((k) => html`<tr><th>${k}</th><td>${fmt(run.environment?.[k])}</td></tr>`)}
      ${Object.entries(run.environment?.packages ?? {}).map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}
    </tbody></table>
    <h2>Per split</h2>
    <div class="scroll"><table class="list" id="splits">
      <thead><tr><th>computation</th><th>split</th><th>point</th><th>train</th><th>test</th><th>fit</th><th>predict</th>${metricNames.map((m) => html`<th>${m}</th>`)}</tr></thead>
      <tbody>${computations.map((c) => { const name = c.id.split(':').pop(); return html`
        <tr class=${name === chosen ? 'chosen' : ''} onClick=${() => setChosen(name)}>
          <td><a href="javascript:void 0">${name}</a></td><td>${c.split}</td><td>${c.point}</td><td>${c.trainSize}</td><td>${c.testSize}</td>
          <td class="num">${fmtMs(c.timings.fitMs)}</td><td class="num">${fmtMs(c.timings.predictMs)}</td>
          ${metricNames.map((m) => html`<td class="num">${fmt(c.metrics?.values[m])}</td>`)}
        </tr>` })}</tbody>
    </table></div>
    ${current ? html`<h2>Computation ${chosen}</h2>
      ${current.metrics?.confusionMatrix ? html`<${Confusion} metrics=${current.metrics} />` : null}
      <${Results} runId=${run.id} computation=${chosen} />` : null}`
}

function Source({ execution }) {
  const s = execution.source
  return html`
    <table class="kv" id="code-version"><tbody>
      <tr><th>execution</th><td>${execution.id}</td></tr>
      <tr><th>kind</th><td>${s.kind}</td></tr>
      ${s.kind === 'git' ? html`<tr><th>file</th><td>${s.path}</td></tr><tr><th>commit</th><td><code>${s.commit}</code>${s.dirty ? ' + uncommitted changes' : ''}</td></tr><tr><th>repository</th><td>${s.repo}</td></tr>` : null}
      ${s.kind === 'file' ? html`<tr><th>file</th><td>${s.file}</td></tr><tr><th>note</th><td>${s.note}</td></tr>` : null}
      <tr><th>source</th><td><a href=${`/api/executions/${enc(execution.id)}/source`} target="_blank">raw source</a></td></tr>
    </tbody></table>
    <details><summary>source</summary><pre class="source">${s.source}</pre></details>`
}

function Confusion({ metrics }) {
  const classes = metrics.classes ?? metrics.confusionMatrix.map((_, i) => String(i))
  const max = Math.max(1, ...metrics.confusionMatrix.flat())
  return html`
    <table class="confusion" id="confusion">
      <thead><tr><th>truth ↓ predicted →</th>${classes.map((c) => html`<th>${c}</th>`)}</tr></thead>
      <tbody>${metrics.confusionMatrix.map((row, i) => html`<tr><th>${classes[i]}</th>${row.map((n, j) => html`
        <td class=${i === j ? 'diag' : ''} style=${`--a:${(n / max).toFixed(3)}`}>${n}</td>`)}</tr>`)}</tbody>
    </table>`
}

function Results({ runId, computation }) {
  const [offset, setOffset] = useState(0)
  const [data, setData] = useState()
  const [error, setError] = useState()
  useEffect(() => setOffset(0), [computation])
  useEffect(() => {
    api(`runs/${enc(runId)}/computations/${enc(computation)}/results`, { offset, limit: ROWS }).then(setData).catch((e) => setError(e.message))
  }, [runId, computation, offset])
  if (error) return html`<p class="error">${error}</p>`
  if (!data) return null
  const probabilities = data.classes && data.rows.some((r) => r.probabilities)
  return html`
    <h3>Results per row <small id="results-count">${data.total ? `${offset + 1}–${Math.min(offset + ROWS, data.total)} of ${data.total}` : 'none'}</small></h3>
    <div class="toolbar">
      <button disabled=${offset === 0} onClick=${() => setOffset(Math.max(0, offset - ROWS))}>‹ previous</button>
      <button id="results-next" disabled=${offset + ROWS >= data.total} onClick=${() => setOffset(offset + ROWS)}>next ›</button>
    </div>
    <table class="list" id="results"><thead><tr><th>row</th><th>truth</th><th>predicted</th>${probabilities ? html`<th>probabilities (${data.classes.join(', ')})</th>` : null}</tr></thead>
      <tbody>${data.rows.map((r) => html`<tr class=${r.truth === r.predicted ? '' : 'miss'}><td>${r.index}</td><td>${fmt(r.truth)}</td><td>${fmt(r.predicted)}</td>${probabilities ? html`<td>${(r.probabilities ?? []).map((p) => fmt(p, 3)).join(' ')}</td>` : null}</tr>`)}</tbody>
    </table>`
}
