// The runs table: one row per run and grid point, filtered, sorted and paged by the server.
import { useEffect, useState } from 'preact/hooks'
import { api } from './api.js'
import { fmt, fmtMs, fmtTime, html, link, runLink } from './util.js'

const PAGE = 50

export function RunsPage({ params, version }) {
  const project = params.get('project') ?? ''
  const experiment = params.get('experiment') ?? ''
  const q = params.get('q') ?? ''
  const sort = params.get('sort') ?? ''
  const desc = params.get('desc') ?? ''
  const page = Number(params.get('page') ?? 0)
  const all = params.get('all') === '1'
  const [data, setData] = useState()
  const [error, setError] = useState()
  const [draft, setDraft] = useState(q)
  const [selected, setSelected] = useState([])
  const go = (change) => { location.hash = link('/runs', { project, experiment, q, sort, desc, page: page || undefined, all: all ? '1' : undefined, ...change }) }

  // The server sorts newest first and metrics best-looking (descending) first unless told otherwise.
  const descending = (key) => (desc === '' ? key === 'startedAt' || key.startsWith('metrics.') : desc === '1')
  useEffect(() => setDraft(q), [q])
  useEffect(() => {
    let stale = false
    api('runs', { project, experiment, q, sort, desc, offset: page * PAGE, limit: PAGE, allParams: all ? '1' : undefined })
      .then((d) => { if (!stale) { setData({ ...d, sortedBy: `${sort || 'startedAt'} ${descending(sort || 'startedAt') ? 'desc' : 'asc'}` }); setError(undefined) } })
      .catch((e) => { if (!stale) setError(e.message) })
    return () => { stale = true }
  }, [project, experiment, q, sort, desc, page, all, version])

  const current = sort || 'startedAt'
  const sortBy = (key) => go({ sort: key, desc: current === key ? (descending(key) ? '0' : '1') : undefined, page: undefined })
  const arrow = (key) => (current === key ? (descending(key) ? ' ▼' : ' ▲') : '')
  const toggle = (key) => setSelected(selected.includes(key) ? selected.filter((k) => k !== key) : [...selected, key])
  const title = [project || 'all projects', experiment].filter(Boolean).join(' / ')

  return html`
    <h1>Runs <small>${title}</small></h1>
    <form class="filter" onSubmit=${(e) => { e.preventDefault(); go({ q: draft.trim(), page: undefined }) }}>
      <input id="filter" placeholder='filter, e.g. metrics.accuracy > 0.9 and params.knn.k in (3, 5), or {"status": "failed"}' value=${draft} onInput=${(e) => setDraft(e.target.value)} />
      <button type="submit">Filter</button>
      ${q ? html`<button type="button" onClick=${() => go({ q: undefined, page: undefined })}>Clear</button>` : null}
      <label><input type="checkbox" checked=${all} onChange=${() => go({ all: all ? undefined : '1' })} /> all parameters</label>
    </form>
    ${error ? html`<p class="error" id="error">${error}</p>` : null}
    <div class="toolbar">
      <button id="compare" disabled=${selected.length < 2} onClick=${() => { location.hash = link('/compare', { ids: selected.join(',') }) }}>Compare selected (${selected.length})</button>
      ${data ? html`<span id="count" class="muted">${data.total ? `${data.offset + 1}–${Math.min(data.offset + data.limit, data.total)} of ${data.total}` : 'no runs match'}</span>` : null}
      ${data && page > 0 ? html`<button onClick=${() => go({ page: page - 1 || undefined })}>‹ newer</button>` : null}
      ${data && data.offset + data.limit < data.total ? html`<button id="next" onClick=${() => go({ page: page + 1 })}>older ›</button>` : null}
    </div>
    ${data ? html`
      <div class="scroll"><table id="runs" class="runs" data-sorted-by=${data.sortedBy}>
        <thead><tr>
          <th></th>
          <th class="sortable" onClick=${() => sortBy('experiment')}>run${arrow('experiment')}</th>
          <th class="sortable" onClick=${() => sortBy('status')}>status${arrow('status')}</th>
          <th class="sortable" onClick=${() => sortBy('startedAt')}>started${arrow('startedAt')}</th>
          <th class="sortable" onClick=${() => sortBy('durationMs')}>duration${arrow('durationMs')}</th>
          ${data.params.map((p) => html`<th class="sortable param" data-sort=${`params.${p}`} onClick=${() => sortBy(`params.${p}`)}>${p}${arrow(`params.${p}`)}</th>`)}
          ${data.metrics.map((m) => html`<th class="sortable metric" data-sort=${`metrics.${m}`} onClick=${() => sortBy(`metrics.${m}`)}>${m}${arrow(`metrics.${m}`)}</th>`)}
        </tr></thead>
        <tbody>${data.rows.map((r) => {
          const key = `${r.id}#${r.point}`
          return html`<tr data-key=${key}>
            <td><input type="checkbox" class="select" checked=${selected.includes(key)} onChange=${() => toggle(key)} /></td>
            <td><a href=${runLink(r.id)}>${r.experiment} · ${r.run}${r.point ? ` #${r.point}` : ''}</a></td>
            <td class=${`status ${r.status}`} title=${r.error ?? ''}>${r.status}</td>
            <td>${fmtTime(r.startedAt)}</td><td class="num">${fmtMs(r.durationMs)}</td>
            ${data.params.map((p) => html`<td class="num">${fmt(r.params[p])}</td>`)}
            ${data.metrics.map((m) => html`<td class="num" title=${r.std[m] !== undefined ? `± ${fmt(r.std[m])}` : ''}>${fmt(r.metrics[m])}</td>`)}
          </tr>`
        })}</tbody>
      </table></div>` : error ? null : html`<p class="muted">Loading…</p>`}`
}
