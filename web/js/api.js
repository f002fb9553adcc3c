/**
 * Calls to the service's own HTTP API (same origin). Problems
 * (application/problem+json) become `ApiError`s that keep the per-field
 * `errors: [{ pointer, detail, suggestions }]`.
 */

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`)
    this.status = status
    this.problem = problem ?? {}
    this.errors = Array.isArray(problem?.errors) ? problem.errors : []
  }
}

/** Query string from an object, skipping empty values. */
export function queryString(params) {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null || v === '') continue
    q.set(k, String(v))
  }
  const text = q.toString()
  return text ? `?${text}` : ''
}

export async function api(path, { method = 'GET', body, query, signal } = {}) {
  let res
  try {
    res = await fetch(path + queryString(query), {
      method,
      signal,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (e) {
    if (e?.name === 'AbortError') throw e
    throw new ApiError(0, { title: 'The service could not be reached', detail: String(e?.message ?? e) })
  }
  const type = res.headers.get('content-type') ?? ''
  const data = type.includes('json') ? await res.json().catch(() => null) : await res.text()
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' && data ? data : { title: `HTTP ${res.status}`, detail: String(data ?? '') })
  return data
}

/** Run async `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function pool(items, limit, fn) {
  const out = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
