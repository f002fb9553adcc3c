/**
 * The FTS5 engine's in-memory postings (postings.ts, candidates.ts): the same matches as an
 * FTS5 MATCH, the same exact ranking wherever the ranking is exact, exact scores on every hit,
 * and kept current by the study write path (including SQLite reusing a deleted document's id).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient, type Client } from '@libsql/client'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { StudyFile } from '../../schema/files/study-file.ts'
import type { Deps } from '../../api/deps.ts'
import { loadSynthInputs } from '../../scripts/synth.ts'
import { loadSeeds } from '../../src/io/seed.ts'
import { validateStudyDocs } from '../../src/kb/validate.ts'
import { searchDocuments, SEARCH_FIELDS, type SearchField } from '../../src/search/documents.ts'
import { indexDocsFts, invalidateFtsVocabulary, RERANK_POOL, searchDocState, searchFts, type FtsSearchOptions } from '../../src/search/fts.ts'
import { lunrIdf, termWeight } from '../../src/search/lunr-weight.ts'
import { applyPending, cachedTokens, fromFieldLists, parseIds } from '../../src/search/postings.ts'
import type { SearchResult } from '../../src/search/results.ts'
import { createSynthContext, generateStudies } from '../../src/synth/generate.ts'
import { FIXTURE_SEEDS, makeTestDeps } from '../helpers/deps.ts'

const F = SEARCH_FIELDS.length

describe('postings structures', () => {
  test('group_concat lists parse to integers', () => {
    expect([...parseIds('')]).toEqual([])
    expect([...parseIds(null)]).toEqual([])
    expect([...parseIds('7')]).toEqual([7])
    expect([...parseIds('1,22,333,4096')]).toEqual([1, 22, 333, 4096])
  })

  // Document 3 holds the token in title (length 4) and text (length 50), document 5 in summary (length 9).
  const lengths = new Int32Array(8 * F)
  lengths[3 * F + 0] = 4
  lengths[3 * F + 7] = 50
  lengths[5 * F + 2] = 9
  const corpus = { docs: 100, avg: SEARCH_FIELDS.map(() => 10) }
  const lists = SEARCH_FIELDS.map((f) => new Int32Array(f === 'title' || f === 'text' ? [3] : f === 'summary' ? [5] : []))
  const p = fromFieldLists(lists, lengths, corpus)
  const w = (n: number, f: SearchField) => termWeight(lunrIdf(3, 100), 1, n, 10, f)

  test('per-field lists merge into documents with field masks, lengths in field order, documentsWithTerm and impacts', () => {
    expect([...p.docs]).toEqual([3, 5])
    expect([...p.fields]).toEqual([0b1000_0001, 0b100])
    expect([...p.lengths]).toEqual([4, 50, 9])
    expect(p.lengths.length).toBe(3) // documentsWithTerm: (document, field) pairs
    expect(p.impact[0]).toBeCloseTo(w(4, 'title') + w(50, 'text'), 5)
    expect(p.impact[1]).toBeCloseTo(w(9, 'summary'), 5)
  })

  test('pending writes: removed documents go, added ones come in order, a reused id takes its new fields', () => {
    const q = applyPending(p, { remove: [3, 5], add: new Map([[5, { fields: 0b10, lengths: [2] }], [1, { fields: 0b1, lengths: [6] }]]) })
    expect([...q.docs]).toEqual([1, 5])
    expect([...q.fields]).toEqual([0b1, 0b10])
    expect([...q.lengths]).toEqual([6, 2])
    expect(q.lengths.length).toBe(2)
    expect(q.impact[1]).toBeCloseTo(w(2, 'authors'), 5)
    const reused = applyPending(p, { remove: [3], add: new Map([[3, { fields: 0b1000, lengths: [7] }], [1, { fields: 0b1, lengths: [6] }]]) })
    expect([...reused.docs]).toEqual([1, 3, 5])
    expect([...reused.fields]).toEqual([0b1, 0b1000, 0b100])
    expect([...reused.lengths]).toEqual([6, 7, 9])
    const kept = applyPending(p, { remove: [9], add: new Map([[7, { fields: 0b100, lengths: [3] }]]) })
    expect([...kept.docs]).toEqual([3, 5, 7])
    expect([...kept.lengths]).toEqual([4, 50, 9, 3])
    expect(kept.impact[0]).toBe(p.impact[0])
  })

  test('property: pending writes give what rebuilding the postings document by document gives', () => {
    const basis = { idf: 1.3, avg: SEARCH_FIELDS.map((_, f) => 5 + f) }
    // Stored lengths are at most 65 535; an added document's beyond that are clamped.
    const entry = (max: number) => fc.record({ fields: fc.integer({ min: 1, max: 255 }), lengths: fc.array(fc.integer({ min: 0, max }), { minLength: 8, maxLength: 8 }) })
    const docs = fc.dictionary(fc.integer({ min: 0, max: 60 }).map(String), fc.tuple(entry(0xffff), fc.float({ min: 0, max: 10, noNaN: true })))
    // A document's lengths for the fields in its mask, in field order (as the postings store them).
    const setLengths = (e: { fields: number; lengths: number[] }) => e.lengths.filter((_, f) => (e.fields & (1 << f)) !== 0)
    fc.assert(fc.property(docs, fc.array(fc.integer({ min: 0, max: 60 })), fc.dictionary(fc.integer({ min: 0, max: 60 }).map(String), entry(70_000)), (before, remove, added) => {
      const ids = Object.keys(before).map(Number).sort((a, b) => a - b)
      const p = {
        docs: Int32Array.from(ids), fields: Uint8Array.from(ids, (id) => before[id]![0].fields),
        lengths: Uint16Array.from(ids.flatMap((id) => setLengths(before[id]![0]))),
        impact: Float32Array.from(ids, (id) => before[id]![1]), basis,
      }
      const add = new Map(Object.entries(added).map(([id, e]) => [Number(id), { fields: e.fields, lengths: setLengths(e) }]))
      const got = applyPending(p, { remove, add })
      // Reference: every document kept unless removed, an added one replacing it, ascending.
      const want = new Map(ids.map((id) => [id, { fields: before[id]![0].fields, lengths: setLengths(before[id]![0]), impact: Math.fround(before[id]![1]) }]))
      for (const id of remove) want.delete(id)
      for (const [id, a] of add) {
        let impact = 0
        for (let f = 0, k = 0; f < F; f++) if ((a.fields & (1 << f)) !== 0) impact += termWeight(basis.idf, 1, a.lengths[k++]!, basis.avg[f]!, SEARCH_FIELDS[f]!)
        want.set(id, { fields: a.fields, lengths: a.lengths.map((n) => Math.min(n, 0xffff)), impact: Math.fround(impact) })
      }
      const order = [...want.keys()].sort((a, b) => a - b)
      expect([...got.docs]).toEqual(order)
      expect([...got.fields]).toEqual(order.map((id) => want.get(id)!.fields))
      expect([...got.lengths]).toEqual(order.flatMap((id) => want.get(id)!.lengths))
      expect([...got.impact]).toEqual(order.map((id) => want.get(id)!.impact))
    }), { numRuns: 400 })
  })
})

describe('postings and FTS5 MATCH agree on a corpus with large results', () => {
  let client: Client
  let vocab: string[]

  beforeAll(async () => {
    const { kb, rules } = await loadSynthInputs('seeds', 'rules')
    const synthetic = [...generateStudies(createSynthContext(kb.vocab, rules), { seed: 7, experiments: 600 })]
    const docs = searchDocuments([...kb.studies, ...synthetic], kb.vocab)
    client = createClient({ url: ':memory:' })
    await indexDocsFts(client, docs)
    const rs = await client.execute('SELECT term FROM search_fts_vocab WHERE doc >= 3 AND length(term) BETWEEN 3 AND 16')
    vocab = rs.rows.map((r) => String(r.term)).filter((t) => /^[a-z][a-z0-9]+$/.test(t))
    expect(docs.length).toBeGreaterThan(2000)
  }, 120_000)
  afterAll(() => client?.close())

  const run = (q: string, opts: FtsSearchOptions) => searchFts(client, q, opts).then(
    (r) => r,
    (e: unknown) => (e as { code?: string }).code ?? String(e))

  test('property: same totals; identical results up to the exact pool; beyond it every hit carries its exact score, in rank order', async () => {
    const t = () => fc.constantFrom(...vocab)
    const query = fc.tuple(t(), t(), t(), fc.integer({ min: 0, max: 7 })).map(([a, b, c, k]) => [
      `${a} ${b}`, `${a}~1 ${c}`, `${a.slice(0, 3)}*`, `+${a} ${b}`, `${a} -${b} title:${c}^2`, `+${a} +${b} ${c}`, `li ${a}`, `cycl* -${a}`,
    ][k] as string)
    let large = 0
    await fc.assert(fc.asyncProperty(query, async (q) => {
      const viaMatch = await run(q, { limit: 10, candidates: 'match' })
      const viaPostings = await run(q, { limit: 10 })
      if (typeof viaMatch === 'string' || typeof viaPostings === 'string') {
        expect(viaPostings).toEqual(viaMatch)
        return
      }
      expect(viaPostings.total, q).toBe(viaMatch.total)
      if (viaMatch.total <= RERANK_POOL) {
        expect(viaPostings, q).toEqual(viaMatch)
        return
      }
      large++
      // Every match scored by FTS5 alone (its own weights, from fts5vocab): a shown hit's score is exact.
      const exact = await run(q, { limit: 100, rerankPool: 1e9, candidates: 'match' }) as SearchResult
      const exactScore = new Map(exact.hits.map((h) => [h.ref, h.score]))
      for (const h of viaPostings.hits) if (exactScore.has(h.ref)) expect(h.score, `${q} ${h.ref}`).toBeCloseTo(exactScore.get(h.ref) as number, 9)
    }), { numRuns: Number(process.env.PROP_RUNS ?? 80) })
    expect(large).toBeGreaterThan(5)
  }, 120_000)

  test('beyond the exact pool the estimate finds more of the exact top 10 than FTS5 bm25() did', async () => {
    const queries = ['li dendrit*', 'lipf6 cycl*', 'current densiti', 'sei lif', 'copper collector', 'mossy whisker', 'dead li', 'fec carbon']
    const share = async (opts: FtsSearchOptions) => {
      let found = 0
      let large = 0
      for (const q of queries) {
        const exact = await searchFts(client, q, { limit: 10, rerankPool: 1e9 })
        if (exact.total <= RERANK_POOL) continue
        large++
        const got = new Set((await searchFts(client, q, { limit: 10, ...opts })).hits.map((h) => h.ref))
        found += exact.hits.filter((h) => got.has(h.ref)).length
      }
      return { found, large }
    }
    const viaPostings = await share({})
    const viaMatch = await share({ candidates: 'match' })
    console.log(`exact top-10 documents found: postings ${viaPostings.found}, bm25 ${viaMatch.found}, over ${viaPostings.large} queries`)
    expect(viaPostings.large).toBeGreaterThanOrEqual(4)
    expect(viaPostings.found).toBeGreaterThan(viaMatch.found)
    expect(viaPostings.found).toBeGreaterThanOrEqual(viaPostings.large * 5)
  }, 60_000)
})

describe('postings follow the write path', () => {
  let dir: string
  let deps: Deps
  let url: string
  let fresh: Client

  async function study(id: string, title: string, experiments = 1): Promise<StudyFile> {
    const doc = JSON.parse(await readFile('test/fixtures/seeds/studies/beta-2021.json', 'utf8'))
    const base = doc.experiments[0]
    const json = {
      ...doc, id, doi: `10.9999/fixture.${id}`, year: 2024, authors: ['A. B. Zed', 'et al.'], title,
      experiments: Array.from({ length: experiments }, (_, i) => ({ ...base, id: `${id}-exp${i}`, label: `${base.label} (${i})` })),
    }
    const { studies, problems } = validateStudyDocs([{ file: id, json }], (await loadSeeds(FIXTURE_SEEDS)).kb.vocab)
    expect(problems).toEqual([])
    return studies[0] as StudyFile
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'li-kb-postings-'))
    url = `file:${join(dir, 'kb.db')}`
    deps = await makeTestDeps({ url })
    fresh = createClient({ url })
  })
  afterAll(async () => {
    deps?.database.close()
    fresh?.close()
    await rm(dir, { recursive: true, force: true })
  })

  const QUERIES = ['zirconia', 'quokka', 'zirconia quokka', '+zirconia -quokka', 'title:quokk*', 'zirconi~1', 'dendrit*', 'Zed', 'study']

  /** The service's client (caches warm, updated by writes) answers as a client reading everything anew. */
  async function agree(): Promise<void> {
    const warm = deps.database.client
    for (const q of QUERIES) {
      invalidateFtsVocabulary(fresh)
      const a = await searchFts(warm, q, { limit: 50 })
      expect(a, q).toEqual(await searchFts(fresh, q, { limit: 50 }))
    }
  }

  test('after new studies, rewrites and a rewrite that reuses the deleted documents ids, results equal a cold read', async () => {
    await agree() // warms the postings and the vocabulary
    await deps.store.putUserStudy(await study('aa-2024', 'Zirconia coatings'))
    await agree()
    await deps.store.putUserStudy(await study('bb-2024', 'Quokka electrolytes and zirconia', 2))
    await agree()
    const before = await searchDocState(fresh, ['bb-2024'])
    await deps.store.putUserStudy(await study('bb-2024', 'Dendrites without quokka'))
    const after = await searchDocState(fresh, ['bb-2024'])
    const reused = after.docs.filter((d) => before.docs.some((b) => b.id === d.id))
    expect(reused.length).toBeGreaterThan(0) // the latest study's ids came back for different documents
    await agree()
    await deps.store.putUserStudy(await study('aa-2024', 'Alumina only'))
    await agree()
    expect((await searchFts(deps.database.client, 'zirconia')).total).toBe(0)
    expect((await searchFts(deps.database.client, 'quokka')).total).toBeGreaterThan(0)
  })

  test('a study written and rewritten before the next search leaves no trace of its first version', async () => {
    expect((await searchFts(deps.database.client, 'wombat')).total).toBe(0) // caches warm, 'wombat' among them
    await deps.store.putUserStudy(await study('ee-2024', 'Wombat coatings'))
    await deps.store.putUserStudy(await study('ee-2024', 'Alumina again')) // no search in between
    expect((await searchFts(deps.database.client, 'wombat')).total).toBe(0)
    await agree()
  })

  // Rewriting aa-2024 gives its documents new ids; rewriting bb-2024, written last, reuses its ids
  // (SQLite takes the highest id + 1), so a cache keyed by id must not keep what the search read before.
  test.each(['aa-2024', 'bb-2024'])('a search racing a rewrite of %s, at any point of it, leaves the caches as a cold read finds them', async (rewritten) => {
    for (let hops = 0; hops < 12; hops++) {
      const d = await makeTestDeps({ url: `file:${join(dir, `race-${rewritten}-${hops}.db`)}` })
      const cold = createClient({ url: `file:${join(dir, `race-${rewritten}-${hops}.db`)}` })
      try {
        await d.store.putUserStudy(await study('aa-2024', 'Quokkax coatings'))
        await d.store.putUserStudy(await study('bb-2024', 'Quokkax electrolytes'))
        await searchFts(d.database.client, 'study')
        const write = d.store.putUserStudy(await study(rewritten, 'Alumina only'))
        let wait: Promise<unknown> = Promise.resolve()
        for (let i = 0; i < hops; i++) wait = wait.then(() => new Promise((r) => setImmediate(r)))
        await Promise.all([write, wait.then(() => searchFts(d.database.client, 'quokkay~1 quokk*'))])
        for (const q of ['quokkay~1', 'quokk*', 'quokkax', 'alumina']) {
          expect(await searchFts(d.database.client, q), `${q} after ${hops} turns`).toEqual(await searchFts(cold, q))
        }
      } finally {
        d.database.close()
        cold.close()
      }
    }
  }, 60_000)

  test("the service's own writes update the cached postings in place; another writer's are noticed by the change count", async () => {
    await agree()
    const cached = cachedTokens(deps.database.client)
    expect(cached).toBeGreaterThan(5)
    await deps.store.putUserStudy(await study('cc-2024', 'Quokka zirconia again'))
    expect(cachedTokens(deps.database.client)).toBe(cached) // updated, not dropped
    await agree()
    const other = await makeTestDeps({ url }) // a second process on the same database
    try {
      const before = (await searchFts(deps.database.client, 'quokka')).total
      await other.store.putUserStudy(await study('dd-2024', 'Quokka from elsewhere'))
      expect((await searchFts(deps.database.client, 'quokka')).total).toBe(before + 1)
      await agree()
    } finally {
      other.database.close()
    }
  })
})
