/** Hash-route helpers shared by the router and the views. */

/** Parse "#/study/porz-2017?experiment=x" → { name: 'study', args: ['porz-2017'], params }. */
export function parseHash(hash) {
  const raw = String(hash).replace(/^#/, '')
  const i = raw.indexOf('?')
  const path = i >= 0 ? raw.slice(0, i) : raw
  const query = i >= 0 ? raw.slice(i + 1) : ''
  const parts = path.split('/').filter(Boolean).map((p) => { try { return decodeURIComponent(p) } catch { return p } })
  return { name: parts[0] ?? 'ask', args: parts.slice(1), params: new URLSearchParams(query) }
}

/** Change the hash without re-rendering (the view already shows that state); keeps it bookmarkable. */
export function replaceHash(hash) {
  if (location.hash !== hash) history.replaceState(history.state, '', hash)
}
