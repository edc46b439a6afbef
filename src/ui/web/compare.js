// Selected runs side by side: metrics (mean ± std), parameters, two charts, the source diffs.
import { useEffect, useState } from 'preact/hooks'
import { api } from './api.js'
import { Chart } from './chart.js'
import { fmt, html, link, runLink } from './util.js'

export function ComparePage({ params }) {
  const ids = params.get('ids') ?? ''
  const metric = params.get('metric') ?? ''
  const param = params.get('param') ?? ''
  const [data, setData] = useState()
  const [error, setError] = useState()
  useEffect(() => {
    api('compare', { ids, metric, param }).then((d) => { setData(d); setError(undefined) }).catch((e) => setError(e.message))
  }, [ids, metric, param])
  const go = (change) => { location.hash = link('/compare', { ids, metric, param, ...change }) }
  if (error) return html`<h1>Compare</h1><p class="error" id="error">${error}</p>`
  if (!data) return html`<p class="muted">Loading…</p>`
  const { items } = data
  const best = (m) => Math.max(...items.map((i) => i.mean[m] ?? -Infinity))
  return html`
    <h1>Compare <small>${items.length} runs</small></h1>
    <div class="scroll"><table id="compare-table" class="list">
      <thead><tr><th></th>${items.map((i) => html`<th><a href=${runLink(i.id)}>${i.label}</a></th>`)}</tr></thead>
      <tbody>
        ${data.params.map((p) => html`<tr class=${data.varying.includes(p) ? 'varying' : 'same'}><th>${p}</th>${items.map((i) => html`<td class="num">${fmt(i.params[p])}</td>`)}</tr>`)}
        ${data.metrics.map((m) => html`<tr class="metric"><th>${m}</th>${items.map((i) => html`<td class=${`num ${i.mean[m] === best(m) ? 'best' : ''}`}>${fmt(i.mean[m])} ± ${fmt(i.std[m], 3)}</td>`)}</tr>`)}
        <tr><th>splits</th>${items.map((i) => html`<td class="num">${i.splits.length}</td>`)}</tr>
      </tbody>
    </table></div>
    <div class="toolbar">
      <label>metric <select id="metric" value=${data.metric} onChange=${(e) => go({ metric: e.target.value })}>${data.metrics.map((m) => html`<option value=${m}>${m}</option>`)}</select></label>
      <label>parameter <select id="param" value=${data.param ?? ''} onChange=${(e) => go({ param: e.target.value })}>${data.param ? null : html`<option value="">(none varies)</option>`}${data.params.map((p) => html`<option value=${p}>${p}</option>`)}</select></label>
    </div>
    ${data.charts ? html`<div class="charts">
      <${Chart} id="chart-param" spec=${data.charts.metricVsParam} />
      <${Chart} id="chart-folds" spec=${data.charts.foldBoxPlot} />
    </div>` : html`<p class="muted">No metrics to chart.</p>`}
    <h2>Paired t-test <small>${data.metric} per split, against ${items[0].label}</small></h2>
    <table class="list" id="tests"><thead><tr><th>run</th><th>splits</th><th>mean difference</th><th>t</th><th>p</th><th></th></tr></thead>
      <tbody>${data.tests.map((t) => html`<tr><td>${items.find((i) => i.key === t.b)?.label}</td><td>${fmt(t.n)}</td><td class="num">${fmt(t.meanDifference)}</td><td class="num">${fmt(t.t, 3)}</td><td class="num">${t.p === undefined ? '–' : t.p < 1e-4 ? t.p.toExponential(2) : t.p.toFixed(4)}</td><td class="muted">${t.reason ?? ''}</td></tr>`)}</tbody>
    </table>
    <h2>Source</h2>
    ${data.diffs.length === 0 ? html`<p class="muted">All selected runs come from the same execution (same code).</p>` : data.diffs.map((d) => html`
      <h3>${d.a} → ${d.b}</h3>
      <pre class="diff">${d.diff.split('\n').map((line) => html`<span class=${line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : ''}>${`${line}\n`}</span>`)}</pre>`)}`
}
