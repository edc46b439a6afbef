// Vega-Lite charts: vega, vega-lite and vega-embed (large) load only when a chart is first drawn.
import { useEffect, useRef, useState } from 'preact/hooks'
import { html } from './util.js'

let loading
function loadVega() {
  const script = (src) => new Promise((resolve, reject) => {
    const el = document.createElement('script')
    el.src = src
    el.onload = resolve
    el.onerror = () => reject(new Error(`could not load ${src}`))
    document.head.append(el)
  })
  loading ??= script('/assets/vendor/vega.js').then(() => script('/assets/vendor/vega-lite.js')).then(() => script('/assets/vendor/vega-embed.js')).then(() => window.vegaEmbed)
  return loading
}

export function Chart({ spec, id }) {
  const el = useRef()
  const [error, setError] = useState()
  useEffect(() => {
    let view
    let gone = false
    loadVega()
      .then((embed) => (gone ? undefined : embed(el.current, spec, { actions: false, renderer: 'svg' })))
      .then((result) => { view = result?.view; if (gone) view?.finalize() })
      .catch((e) => setError(e.message))
    return () => { gone = true; view?.finalize() }
  }, [JSON.stringify(spec)])
  return html`<div class="chart" id=${id}>${error ? html`<p class="error">${error}</p>` : null}<div ref=${el}></div></div>`
}
