/**
 * The candidate-document cache: what a read begun before a write found is not kept, an original added
 * to a replaced document is not kept, and the cache stays within its character bound, dropping the
 * least recently used first.
 */
import { describe, expect, test } from 'vitest'
import { SEARCH_FIELDS, type SearchField } from '../../src/search/documents.ts'
import { DocCache, type CandidateDoc } from '../../src/search/doc-cache.ts'

const doc = (id: number, text = 'lipf6 dendrite'): CandidateDoc => ({
  id, ref: `s:${id}`, studyId: 's', kind: 'experiment',
  columns: Object.fromEntries(SEARCH_FIELDS.map((f) => [f, f === 'text' ? text : ''])) as Record<SearchField, string>,
  lengths: Object.fromEntries(SEARCH_FIELDS.map((f) => [f, f === 'text' ? text.split(' ').length : 0])) as Record<SearchField, number>,
})

describe('candidate document cache', () => {
  test('a document read before a write is used but not kept; one read after it is kept', () => {
    const cache = new DocCache()
    const before = cache.version
    cache.forget([7]) // a write lands while the read is in flight
    cache.store(doc(7, 'old text'), before)
    expect(cache.get(7)).toBeUndefined()
    cache.store(doc(7, 'new text'), cache.version)
    expect(cache.get(7)?.columns.text).toBe('new text')
  })

  test('an original is counted only on the document still kept for its id', () => {
    const cache = new DocCache()
    const kept = doc(1)
    cache.store(kept, cache.version)
    cache.forget([1])
    const replaced = doc(1, 'rewritten')
    cache.store(replaced, cache.version)
    kept.original = { doi: '10.1/x', fields: { title: '', authors: '', summary: '', findings: '', materials: '', morphology: '', conditions: '', text: 'x'.repeat(100) } }
    cache.grew(kept)
    expect(cache.get(1)).toBe(replaced)
  })

  test('bounded by the characters held, least recently used dropped first', () => {
    const cache = new DocCache()
    const big = 'x'.repeat(Math.floor(DocCache.MAX_CHARS / 3)) // three fit
    for (const id of [1, 2, 3]) cache.store(doc(id, big), cache.version)
    expect(cache.get(1)).toBeDefined() // 1 is now the most recently used
    cache.store(doc(4, big), cache.version) // over the bound: 2 goes
    cache.store(doc(5, big), cache.version) // then 3
    expect([1, 2, 3, 4, 5].filter((id) => cache.get(id) !== undefined)).toEqual([1, 4, 5])
    expect(cache.size).toBe(3)
  })
})
