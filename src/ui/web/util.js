// Small helpers shared by the pages: htm bound to preact, number and time formats, hash routes.
import { h } from 'preact'
import htm from 'htm'

export const html = htm.bind(h)

export function fmt(value, digits = 4) {
  if (value === undefined || value === null) return '–'
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(digits)
  return String(value)
}

export function fmtMs(ms) {
  if (ms === undefined || ms === null) return '–'
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(1)} s`
}

export const fmtTime = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–')

/** '#/runs?project=X' → { path: '/runs', params: URLSearchParams } */
export function parseHash(hash) {
  const text = hash.replace(/^#/, '') || '/'
  const cut = text.indexOf('?')
  return { path: cut >= 0 ? text.slice(0, cut) : text, params: new URLSearchParams(cut >= 0 ? text.slice(cut + 1) : '') }
}

/** A hash link from a path and params (empty values left out). */
export function link(path, params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false))
  const text = search.toString()
  return `#${path}${text ? `?${text}` : ''}`
}

export const runLink = (id) => `#/run/${encodeURIComponent(id)}`
