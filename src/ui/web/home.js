// Projects and their experiments, each a link to its runs table.
import { useEffect, useState } from 'preact/hooks'
import { api } from './api.js'
import { html, link } from './util.js'

export function HomePage({ version }) {
  const [state, setState] = useState({ loading: true })
  useEffect(() => {
    Promise.all([api('projects'), api('experiments')])
      .then(([projects, experiments]) => setState({ projects, experiments }))
      .catch((error) => setState({ error: error.message }))
  }, [version])
  if (state.error) return html`<p class="error">${state.error}</p>`
  if (state.loading) return html`<p class="muted">Loading…</p>`
  if (!state.projects.length) return html`<p>No projects yet. Record a run with <code>padre experiment execute</code>; it appears here.</p>`
  return html`
    <h1>Projects</h1>
    ${state.projects.map((p) => html`
      <section class="project">
        <h2><a href=${link('/runs', { project: p.name })}>${p.name}</a></h2>
        ${p.description ? html`<p>${p.description}</p>` : null}
        <table class="list">
          <thead><tr><th>experiment</th><th>dataset</th><th>executions</th><th>created</th></tr></thead>
          <tbody>${state.experiments.filter((e) => e.project === p.name).map((e) => html`
            <tr><td><a href=${link('/runs', { project: p.name, experiment: e.name })}>${e.name}</a></td><td>${e.dataset}</td><td>${e.executions}</td><td>${e.createdAt.slice(0, 10)}</td></tr>`)}
          </tbody>
        </table>
      </section>`)}`
}
