import { createClient, type Client } from '@libsql/client'
import fc from 'fast-check'
import type lunr from 'lunr'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readSeedFiles } from '../../src/io/read-seeds.ts'
import { validateSeeds } from '../../src/kb/validate.ts'
import { docsByRef, searchDocuments, SEARCH_FIELDS, type SearchDocument } from '../../src/search/documents.ts'
import { addFuzzyToken, charMask, fuzzyTerms, fuzzyVocabulary } from '../../src/search/fuzzy.ts'
import { editDistance } from '../../src/text/edit-distance.ts'
import { deleteDocsFts, ftsMatchExpression, indexDocsFts, RERANK_POOL, searchFts, type Expansion } from '../../src/search/fts.ts'
import { ftsEngine, lunrEngine, searchQueryProblem } from '../../src/search/engine.ts'
import { buildLunrIndex, loadLunrIndex, searchLunr } from '../../src/search/lunr-index.ts'
import { parseSearchQuery, SearchQueryError } from '../../src/search/query.ts'
import type { SearchResult } from '../../src/search/results.ts'
import { tokenize } from '../../src/search/tokenize.ts'

const bits = (x: number): number => { let n = 0; for (; x !== 0; x &= x - 1) n++; return n }

let docs: SearchDocument[]
let byRef: Map<string, SearchDocument>
let index: lunr.Index
let client: Client

beforeAll(async () => {
  const { kb, problems } = validateSeeds(await readSeedFiles('seeds'))
  expect(problems).toEqual([])
  docs = searchDocuments(kb.studies, kb.vocab)
  byRef = docsByRef(docs)
  index = buildLunrIndex(docs)
  client = createClient({ url: ':memory:' })
  await indexDocsFts(client, docs)
})
afterAll(() => client?.close())

type Engine = (q: string, opts?: { limit?: number; offset?: number }) => Promise<SearchResult>
const engines: Array<[string, Engine]> = [
  ['lunr', async (q, opts) => searchLunr(index, byRef, q, opts)],
  ['fts5', (q, opts) => searchFts(client, q, opts)],
]
const studiesIn = (r: SearchResult, n = 5) => [...new Set(r.hits.slice(0, n).map((h) => h.studyId))]
const tokenCache = new Map<string, Set<string>>()
const tokensOf = (ref: string): Set<string> => {
  let t = tokenCache.get(ref)
  if (!t) tokenCache.set(ref, t = new Set(SEARCH_FIELDS.flatMap((f) => tokenize(byRef.get(ref)?.fields[f] ?? ''))))
  return t
}

describe('search documents', () => {
  test('one document per study, experiment and observation, with the expected refs', () => {
    expect(docs.filter((d) => d.kind === 'study')).toHaveLength(51)
    expect(byRef.get('study:wood-2016')).toMatchObject({ studyId: 'wood-2016', doi: '10.1021/acscentsci.6b00260' })
    expect(byRef.get('observation:wood-2016-li-li-5ma#1')?.kind).toBe('observation')
  })

  test('materials carry ids, names and synonyms; morphology carries names and families; conditions are canonical and as reported', () => {
    const e = byRef.get('experiment:wood-2016-li-li-5ma')?.fields
    expect(e?.materials).toContain('Lithium hexafluorophosphate')
    expect(e?.materials).toContain('EC:DMC')
    expect(e?.morphology).toContain('Dendritic / branched')
    expect(e?.morphology).toContain('dendritic; Dendritic / branched; dendrite; dendrites')
    expect(e?.conditions).toContain('current density: 5 mA/cm2 (reported 5 mA cm⁻²)')
    expect(e?.conditions).toContain('LiPF6 concentration: 1 M (reported 1 M)')
    expect(byRef.get('experiment:golozar-2019-li-spe-lfp')?.fields.conditions).toContain('70 °C, 80 °C (reported 70 and 80 °C)')
    expect(byRef.get('experiment:cui-2022-in')?.fields.materials).toContain('substrate: In; Indium')
  })
})

describe.each(engines)('%s: chemistry, units and syntax', (_name, search) => {
  test.each<[string, string]>([
    ['LiPF6', 'jeoun-2022'],
    ['LiPF6 EC:DMC', 'leenheer-2015'],
    ['Li7La3Zr2O12', 'motoyama-2019'],
    ['LLZO', 'krauskopf-2019'],
    ['Li2CO3', 'sun-2021'],
    ['Li₂CO₃', 'sun-2021'],
    ['EC:DMC', 'gong-2021'],
    ['CsPF6', 'yu-2019'],
    ['fluoroethylene', 'gong-2021'],
    ['+materials:In +substrate', 'cui-2022'],
    ['materials:indium', 'cui-2022'],
    ['In substrate', 'cui-2022'],
    ['indium', 'cui-2022'],
    ['5 mA/cm2', 'wood-2016'],
    ['5 mA cm⁻²', 'wood-2016'],
    ['5mA cm^-2', 'wood-2016'],
    ['80 °C', 'golozar-2019'],
    ['title:dendrites', 'wood-2016'],
    ['authors:Wood', 'wood-2016'],
  ])('%j finds %s in the top 5', async (q, study) => {
    const r = await search(q, { limit: 5 })
    expect(studiesIn(r)).toContain(study)
  })

  test('every EC:DMC hit holds the token ec:dmc; CsPF6 and FEC hits name the material', async () => {
    for (const [q, token] of [['EC:DMC', 'ec:dmc'], ['CsPF6', 'cspf6'], ['fluoroethylene', 'fluoroethylen']] as const) {
      const r = await search(q, { limit: 100 })
      expect(r.total).toBeGreaterThan(0)
      for (const h of r.hits) expect(tokensOf(h.ref).has(token)).toBe(true)
    }
    expect(studiesIn(await search('CsPF6'), 10).sort()).toEqual(['huang-2023', 'jeoun-2022', 'yu-2019']) // jeoun-2022 discusses CsPF₆ in a correction
    expect(studiesIn(await search('fluoroethylene'), 10).sort()).toEqual(['gong-2021', 'huang-2023'])
  })

  test('5 mA/cm2 is one precise term: every hit is at 5 mA/cm2, the top one is Wood 2016', async () => {
    const r = await search('5 mA/cm2', { limit: 100 })
    expect(r.hits[0]?.ref).toBe('experiment:wood-2016-li-li-5ma')
    expect(r.hits[0]?.fields).toContain('conditions')
    for (const h of r.hits) expect(tokensOf(h.ref).has('5ma/cm2')).toBe(true)
    expect((await search('5 mA cm⁻²', { limit: 100 })).hits.map((h) => h.ref)).toEqual(r.hits.map((h) => h.ref))
  })

  test('field queries match only in that field', async () => {
    const r = await search('title:dendrites', { limit: 100 })
    expect(r.total).toBeGreaterThan(3)
    for (const h of r.hits) {
      expect(h.fields).toEqual(['title'])
      expect(tokenize(byRef.get(h.ref)?.fields.title ?? '')).toContain('dendrit')
    }
  })

  test('required and prohibited terms', async () => {
    const r = await search('+garnet -whisker', { limit: 100 })
    expect(r.total).toBeGreaterThan(0)
    for (const h of r.hits) {
      expect(tokensOf(h.ref).has('garnet')).toBe(true)
      expect(tokensOf(h.ref).has('whisker')).toBe(false)
    }
    const both = await search('+garnet +llzo', { limit: 100 })
    expect(both.total).toBeGreaterThan(0)
    expect(both.total).toBeLessThan((await search('garnet')).total)
    for (const h of both.hits) expect(tokensOf(h.ref).has('llzo') && tokensOf(h.ref).has('garnet')).toBe(true)
    const all = await search('-lipf6', { limit: 1 })
    const withLiPF6 = await search('lipf6', { limit: 1 })
    expect(all.total).toBe(docs.length - withLiPF6.total)
    expect(all.hits[0]?.score).toBe(0)
  })

  test('wildcard, fuzzy and boost', async () => {
    expect(studiesIn(await search('dendrit*'))).toContain('wood-2016')
    const fuzzy = await search('garnt~1', { limit: 100 })
    expect(fuzzy.total).toBe((await search('garnet', { limit: 1 })).total)
    const boosted = await search('mossy whisker^5', { limit: 1 })
    expect(boosted.hits[0] && tokensOf(boosted.hits[0].ref).has('whisker')).toBe(true)
  })

  test('hits carry study id, DOI, score, matching fields and a snippet', async () => {
    const [hit] = (await search('CsPF6', { limit: 1 })).hits
    expect(hit).toMatchObject({ ref: 'experiment:yu-2019-cspf6', studyId: 'yu-2019', doi: '10.1021/jacs.8b13297', kind: 'experiment' })
    expect(hit?.score).toBeGreaterThan(0)
    expect(hit?.fields).toEqual(['title', 'materials'])
    expect(hit?.snippet).toMatch(/CsPF₆|CsPF6/)
  })

  test('paging: offset and limit slice one ranking; total counts every match', async () => {
    const all = await search('dendrites', { limit: 100 })
    const page = await search('dendrites', { limit: 5, offset: 5 })
    expect(page.total).toBe(all.total)
    expect(page.hits.map((h) => h.ref)).toEqual(all.hits.slice(5, 10).map((h) => h.ref))
  })

  test('stop-word-only and empty queries match nothing', async () => {
    expect(await search('the of and')).toEqual({ total: 0, hits: [] })
    expect(await search('')).toEqual({ total: 0, hits: [] })
  })

  test.each([['a~5'], ['*ab'], ['x'.repeat(300)], ['title:'], ['foo^'], ['~']])('%j is a SearchQueryError within 100 ms', async (q) => {
    const t = performance.now()
    await expect(search(q)).rejects.toBeInstanceOf(SearchQueryError)
    expect(performance.now() - t).toBeLessThan(100)
  })
})

describe('lunr and FTS5 give the same results on the seeds', () => {
  const QUERIES = [
    'LiPF6', 'Li7La3Zr2O12', 'LLZO', 'Li₂CO₃', 'EC:DMC', 'CsPF6', 'fluoroethylene carbonate', 'materials:In',
    '5 mA/cm2', 'title:dendrites', '+garnet -whisker', 'dendrit*', 'garnt~1', 'dead Li', 'lithiophilic substrate',
    'SEI hollow shell', 'liquid cell TEM', '80 °C', 'Cu current collector', 'mossy^3 whisker', 'In-type +alloy', 'c3h6o3', 'c3h6o3~1', 'cm-3',
  ]

  test.each(QUERIES.map((q) => [q]))('%j: same total and same study ids in the top 5', async (q) => {
    const a = searchLunr(index, byRef, q, { limit: 5 })
    const b = await searchFts(client, q, { limit: 5 })
    expect(b.total).toBe(a.total)
    expect(a.total).toBeGreaterThan(0)
    expect(new Set(studiesIn(b))).toEqual(new Set(studiesIn(a)))
  })

  test(`below ${RERANK_POOL} matches the ranking is identical: refs, scores, fields and snippets`, async () => {
    for (const q of QUERIES) {
      const a = searchLunr(index, byRef, q, { limit: 20 })
      const b = await searchFts(client, q, { limit: 20 })
      expect(b.hits.map((h) => h.ref), q).toEqual(a.hits.map((h) => h.ref))
      b.hits.forEach((h, i) => {
        expect(h.score).toBeCloseTo(a.hits[i]?.score ?? NaN, 6)
        expect(h.fields, `${q} ${h.ref}`).toEqual(a.hits[i]?.fields)
        expect(h.snippet).toBe(a.hits[i]?.snippet)
      })
    }
  })

  test('property: random queries built from indexed tokens rank identically in both engines', async () => {
    const vocab = Object.keys((index as unknown as { invertedIndex: Record<string, unknown> }).invertedIndex)
      .map((t) => t.replace(/[:\\^~*+-]/g, '')).filter((t) => t.length >= 3 && t.length <= 18)
    const t = fc.constantFrom(...vocab)
    const query = fc.tuple(t, t, t, fc.integer({ min: 0, max: 6 })).map(([a, b, c, k]) => [
      `${a}~1`, `${a.slice(0, -1)}x~2`, `${a.slice(0, 3)}*`, `${a.slice(0, 3)}*${a.slice(-1)}`, `+${a} ${b}`, `${a} -${b} title:${c}^2`, `-${a} -${b}`,
    ][k] as string)
    await fc.assert(fc.asyncProperty(query, async (q) => {
      const run = async (search: Engine) => search(q, { limit: 5 }).then(
        (r) => ({ total: r.total, hits: r.hits.map((h) => `${h.ref} ${h.score.toFixed(6)} ${h.fields.join('/')}`) }),
        (e: unknown) => (e as SearchQueryError).code)
      expect(await run(engines[1]![1])).toEqual(await run(engines[0]![1]))
    }), { numRuns: Number(process.env.PROP_RUNS ?? 60) })
  })

  test('any string up to 200 characters either returns results or throws SearchQueryError, in both engines', async () => {
    const unit = fc.constantFrom(...'abcdeilnoprstLPF56 :+-~^*\\()"\'./%°µ₂⁻²–\t'.split(''), 'title', 'materials', 'LiPF6', 'EC', 'In', '10', '~1', '~2', '^3')
    const arb = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit, maxLength: 60 }).map((s) => s.slice(0, 200)))
    const quick: Engine[] = [async (q, o) => searchLunr(index, byRef, q, o), (q, o) => searchFts(client, q, { ...o, rerankPool: 10 })]
    await fc.assert(fc.asyncProperty(arb, async (q) => {
      for (const search of quick) {
        try {
          const r = await search(q, { limit: 3 })
          expect(r.total).toBeGreaterThanOrEqual(r.hits.length)
        } catch (e) {
          if (!(e instanceof SearchQueryError)) throw e
          expect(e.start).toBeGreaterThanOrEqual(0)
          expect(e.end).toBeGreaterThanOrEqual(e.start)
          expect(e.end).toBeLessThanOrEqual(q.length)
        }
      }
    }), { numRuns: 300 })
  })
})

describe('lunr specifics', () => {
  test('a serialised index loads back (registered pipeline functions) and answers the same', () => {
    const loaded = loadLunrIndex(JSON.parse(JSON.stringify(index)) as object)
    const q = 'EC:DMC dendrit* garnt~1 -whisker'
    expect(searchLunr(loaded, byRef, q, { limit: 10 })).toEqual(searchLunr(index, byRef, q, { limit: 10 }))
    expect(loaded.search('LiPF₆').length).toBe(searchLunr(index, byRef, 'LiPF6').total) // plain search() uses the shared query pipeline
  })

  test('the token set lunr searches holds exactly the indexed tokens, built or loaded (digit labels do not merge nodes)', () => {
    const tokenSetOf = (i: lunr.Index) => (i as unknown as { tokenSet: lunr.TokenSet }).tokenSet.toArray().sort()
    const indexed = Object.keys((index as unknown as { invertedIndex: object }).invertedIndex).sort()
    expect(indexed).toContain('c3h6o3')
    expect(indexed).toContain('cm-3')
    expect(tokenSetOf(index)).toEqual(indexed)
    expect(tokenSetOf(loadLunrIndex(JSON.parse(JSON.stringify(index)) as object))).toEqual(indexed)
    expect(searchLunr(index, byRef, 'c3h6o3').total).toBeGreaterThan(0)
  })
})

describe('fuzzy terms', () => {
  // The optimal-string-alignment distance, from its definition (a full table per call).
  const osa = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
      }
    }
    return d[a.length]![b.length]!
  }
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'l', 'i', '6', '-', 'é', 'x'), maxLength: 12 })

  test('property: the edit distance is the optimal-string-alignment distance up to its bound', () => {
    // Exact up to `max`; beyond it, only "more than max" is promised.
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
      const d = osa(a, b)
      if (d <= max) expect(editDistance(a, b, max)).toBe(d)
      else expect(editDistance(a, b, max)).toBeGreaterThan(max)
    }), { numRuns: 2000 })
  })

  test('property: fuzzy terms are every indexed token within n edits, shorter then more frequent first (the character-set test drops none)', () => {
    const vocabulary = fc.dictionary(word.filter((w) => w.length > 0), fc.integer({ min: 0, max: 5 }), { maxKeys: 60 })
    fc.assert(fc.property(vocabulary, word.filter((w) => w.length > 0), fc.integer({ min: 1, max: 2 }), (counts, term, n) => {
      const docs = new Map(Object.entries(counts))
      const want = [...docs].filter(([t, c]) => c > 0 && osa(term, t) <= n)
        .sort(([a, m], [b, k]) => a.length - b.length || k - m || (a < b ? -1 : a > b ? 1 : 0)).map(([t]) => t)
      expect(fuzzyTerms(fuzzyVocabulary(docs), term, n)).toEqual(want)
      for (const t of want) expect(bits(charMask(term) ^ charMask(t))).toBeLessThanOrEqual(2 * n)
    }), { numRuns: 1500 })
  })
  const vocab = fuzzyVocabulary(new Map([['outward', 3], ['toward', 1], ['towards', 1], ['tower', 5], ['c3h6o3', 2], ['c3h6o2', 9]]))

  test('are the tokens within n edits (optimal string alignment), shorter first, then most frequent', () => {
    expect(fuzzyTerms(vocab, 'toward', 2)).toEqual(['tower', 'toward', 'towards'])
    expect(fuzzyTerms(vocab, 'towrad', 1)).toEqual(['toward']) // one transposition
    expect(fuzzyTerms(vocab, 'c3h6o3', 1)).toEqual(['c3h6o2', 'c3h6o3'])
    // Within one length, by document count, not alphabetically; shorter lengths come first.
    expect(fuzzyTerms(fuzzyVocabulary(new Map([['abce', 1], ['abcf', 9], ['abcdz', 50]])), 'abcd', 1)).toEqual(['abcf', 'abce', 'abcdz'])
  })

  test('a listed token that no document holds any more is skipped; one added to its group is found', () => {
    const docs = new Map([['toward', 1], ['towards', 4]])
    const v = fuzzyVocabulary(docs)
    docs.set('towards', 0) // a write removed its last document
    docs.set('towarc', 2) // and added a new token, listed in its group
    addFuzzyToken(v, 'towarc')
    expect(fuzzyTerms(v, 'toward', 1)).toEqual(['towarc', 'toward'])
    // A token at 0 when the groups are built is listed: documents may hold it again later.
    const w = fuzzyVocabulary(new Map([['wombat', 0]]))
    expect(fuzzyTerms(w, 'wombot', 1)).toEqual([])
    ;(w.docs as Map<string, number>).set('wombat', 1)
    expect(fuzzyTerms(w, 'wombot', 1)).toEqual(['wombat'])
  })

  test('both engines match the same tokens for a fuzzy clause (lunr alone would add outward to toward~2)', async () => {
    for (const q of ['toward~2', 'c3h6o3~1', 'partli~2', '+concern~2 dendrit*']) {
      const a = searchLunr(index, byRef, q, { limit: 50 })
      const b = await searchFts(client, q, { limit: 50 })
      expect(b.hits.map((h) => `${h.ref} ${h.score.toFixed(6)}`), q).toEqual(a.hits.map((h) => `${h.ref} ${h.score.toFixed(6)}`))
      expect(b.total, q).toBe(a.total)
    }
    expect(editDistance('toward', 'outward', 2)).toBe(3)
    const hits = searchLunr(index, byRef, 'toward~2', { limit: 500 }).hits
    expect(hits.length).toBeGreaterThan(0)
    for (const h of hits) expect([...tokensOf(h.ref)].some((t) => editDistance('toward', t, 2) <= 2), h.ref).toBe(true)
  })
})

describe('FTS5 specifics', () => {
  test('MATCH expressions quote every term and map lunr presence to AND / OR / NOT', () => {
    const parsed = parseSearchQuery('+LiPF6 EC:DMC^2 title:garnet -whisker lithi*')
    const expansions: Expansion[] = parsed.clauses.map((clause) => ({
      clause, terms: clause.wildcard === 'prefix' ? [] : [clause.term], ...(clause.wildcard === 'prefix' ? { prefix: clause.term.slice(0, -1) } : {}),
    }))
    expect(ftsMatchExpression(parsed, expansions)).toBe(
      '("lipf6" AND (("ec:dmc" OR "ec:dmc") OR ({title} : "garnet") OR "lithi"* OR "\uE000")) NOT ("whisker")',
    )
    const negated = parseSearchQuery('-whisker')
    expect(ftsMatchExpression(negated, negated.clauses.map((clause) => ({ clause, terms: [clause.term] })))).toBe('("\uE000") NOT ("whisker")')
  })

  test('deleting a study removes its documents; indexing again restores them (upsert by ref)', async () => {
    const c = createClient({ url: ':memory:' })
    try {
      await indexDocsFts(c, docs.filter((d) => ['yu-2019', 'huang-2023', 'jeoun-2022', 'wood-2016'].includes(d.studyId)))
      const before = await searchFts(c, 'CsPF6')
      expect(await deleteDocsFts(c, 'yu-2019')).toBe(docs.filter((d) => d.studyId === 'yu-2019').length)
      const after = await searchFts(c, 'CsPF6')
      expect(studiesIn(after, 10)).toEqual(['huang-2023', 'jeoun-2022'])
      await indexDocsFts(c, docs.filter((d) => d.studyId === 'yu-2019'))
      await indexDocsFts(c, docs.filter((d) => d.studyId === 'yu-2019')) // twice: replaces, no duplicates
      const again = await searchFts(c, 'CsPF6')
      expect(again).toEqual(before)
      expect((await c.execute('SELECT docs FROM search_stats')).rows[0]?.docs).toBe((await c.execute('SELECT count(*) AS n FROM search_fts')).rows[0]?.n)
    } finally {
      c.close()
    }
  })

  test('one engine interface; a bad query becomes the same problem+json body from either', async () => {
    const engines = [lunrEngine(docs, index), ftsEngine(client)]
    const results = await Promise.all(engines.map((e) => e.search('CsPF6', { limit: 3 })))
    expect(results[1]).toEqual(results[0])
    for (const e of engines) {
      const error = await e.search('title:').catch((x: unknown) => x)
      expect(error).toBeInstanceOf(SearchQueryError)
      expect(searchQueryProblem(error as SearchQueryError)).toMatchObject({ status: 400, code: 'PARSE_ERROR', start: 0, end: 5, errors: [{ pointer: '/query/q' }] })
    }
  })
})
