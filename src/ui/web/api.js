// The JSON API: one fetch helper that turns an error answer into an Error with the server's message.
export async function api(path, params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''))
  const text = search.toString()
  const response = await fetch(`/api/${path}${text ? `?${text}` : ''}`)
  const body = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`)
  return body
}

export const enc = encodeURIComponent
