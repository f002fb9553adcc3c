/**
 * Edit distance shared by the vocabulary suggestions and the full-text search's fuzzy terms.
 * @module
 */

/**
 * Three rows of the distance table, reused by every call (the function is synchronous). Allocating
 * them per call, with a swap that built an array per row, was most of a fuzzy query's time: a clause
 * `term~2` compares the term with every indexed token of a near length (tens of thousands at 100k
 * experiments).
 */
let rows = new Int32Array(3 * 64)

/** Optimal-string-alignment distance, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const n = b.length
  const w = n + 1
  if (rows.length < 3 * w) rows = new Int32Array(6 * w)
  const r = rows
  // Offsets of the rows two back, one back and current.
  let p2 = 0
  let p1 = w
  let c = 2 * w
  for (let j = 0; j <= n; j++) r[p1 + j] = j
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1)
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1
    r[c] = i
    let rowMin = i
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1)
      let v = Math.min((r[p1 + j] as number) + 1, (r[c + j - 1] as number) + 1, (r[p1 + j - 1] as number) + (ai === bj ? 0 : 1))
      if (j > 1 && aPrev === bj && ai === b.charCodeAt(j - 2)) v = Math.min(v, (r[p2 + j - 2] as number) + 1)
      r[c + j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max) return max + 1
    const t = p2
    p2 = p1
    p1 = c
    c = t
  }
  return r[p1 + n] as number
}
