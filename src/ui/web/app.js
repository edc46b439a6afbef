// The page: a hash router over four views, and the live version from the server (server-sent events).
import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { ComparePage } from './compare.js'
import { HomePage } from './home.js'
import { RunPage } from './run.js'
import { RunsPage } from './runs.js'
import { html, parseHash } from './util.js'

function useHash() {
  const [hash, setHash] = useState(location.hash)
  useEffect(() => {
    const on = () => setHash(location.hash)
    addEventListener('hashchange', on)
    return () => removeEventListener('hashchange', on)
  }, [])
  return hash
}

/** The records' version: bumps when a run is recorded; pages that list runs reload on it. */
function useLiveVersion() {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const source = new EventSource('/api/events')
    source.addEventListener('version', (e) => setVersion(Number(e.data)))
    return () => source.close()
  }, [])
  return version
}

function App() {
  const hash = useHash()
  const version = useLiveVersion()
  const { path, params } = parseHash(hash)
  let page
  if (path.startsWith('/run/')) page = html`<${RunPage} id=${decodeURIComponent(path.slice(5))} params=${params} />`
  else if (path === '/runs') page = html`<${RunsPage} params=${params} version=${version} />`
  else if (path === '/compare') page = html`<${ComparePage} params=${params} />`
  else page = html`<${HomePage} version=${version} />`
  return html`
    <header><a href="#/" class="brand">padre</a><nav><a href="#/">projects</a> <a href="#/runs">all runs</a></nav><span class="live" title="records version">live · v${version}</span></header>
    <main>${page}</main>`
}

const root = document.getElementById('app')
root.textContent = ''
render(html`<${App} />`, root)
