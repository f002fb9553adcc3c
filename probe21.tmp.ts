import { createClient } from '@libsql/client'
const c = createClient({ url: 'file:data/synth-100000.db' })
let after = '', n = 0, chunks = 0, worst = 0
const t0 = performance.now()
for (;;) {
  const t = performance.now()
  const rs = await c.execute({ sql: 'SELECT term, doc FROM search_fts_vocab WHERE term > ? LIMIT 8000', args: [after] })
  worst = Math.max(worst, performance.now() - t)
  if (rs.rows.length === 0) break
  const terms = rs.rows.map(r => String(r.term))
  for (let i = 1; i < terms.length; i++) if (!(terms[i - 1]! < terms[i]!)) { console.log('not ascending', terms[i - 1], terms[i]); break }
  after = terms[terms.length - 1]!; n += terms.length; chunks++
}
console.log('terms', n, 'chunks', chunks, 'worst chunk ms', worst.toFixed(1), 'total', (performance.now() - t0).toFixed(0))
