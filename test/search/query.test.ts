import { describe, expect, test } from 'vitest'
import { parseSearchQuery, QUERY_LIMITS, SearchQueryError, type SearchQueryErrorCode } from '../../src/search/query.ts'

/** Run `fn`, expect a SearchQueryError, and return it with the elapsed time. */
function rejects(fn: () => unknown): { error: SearchQueryError; ms: number } {
  const t = performance.now()
  try {
    fn()
  } catch (e) {
    const ms = performance.now() - t
    expect(e).toBeInstanceOf(SearchQueryError)
    return { error: e as SearchQueryError, ms }
  }
  throw new Error('expected a SearchQueryError')
}

describe('parseSearchQuery: lunr syntax', () => {
  test('terms, fields, presence, boost, fuzzy and wildcard', () => {
    const q = parseSearchQuery('title:Dendrites +LiPF₆ -garnet lithi*^2 garnt~1')
    expect(q.clauses.map(({ term, fields, presence, boost, editDistance, wildcard }) => ({ term, fields, presence, boost, editDistance, wildcard }))).toEqual([
      { term: 'dendrit', fields: ['title'], presence: 'optional', boost: 1, editDistance: 0, wildcard: 'none' },
      { term: 'lipf6', fields: null, presence: 'required', boost: 1, editDistance: 0, wildcard: 'none' },
      { term: 'garnet', fields: null, presence: 'prohibited', boost: 1, editDistance: 0, wildcard: 'none' },
      { term: 'lithi*', fields: null, presence: 'optional', boost: 2, editDistance: 0, wildcard: 'prefix' },
      { term: 'garnt', fields: null, presence: 'optional', boost: 1, editDistance: 1, wildcard: 'none' },
    ])
    expect(q.negated).toBe(false)
    expect(q.clauses[1]).toMatchObject({ start: 16, end: 22 })
  })

  test('EC:DMC and ratios are terms, not fields; quantities are one term', () => {
    expect(parseSearchQuery('EC:DMC').clauses.map((c) => [c.term, c.fields])).toEqual([['ec:dmc', null]])
    expect(parseSearchQuery('1:1').clauses.map((c) => c.term)).toEqual(['1:1'])
    expect(parseSearchQuery('5 mA cm⁻²').clauses.map((c) => c.term)).toEqual(['5ma/cm2'])
    expect(parseSearchQuery('conditions:5 mA/cm2').clauses.map((c) => [c.term, c.fields])).toEqual([['5ma/cm2', ['conditions']]])
  })

  test('stop words are dropped; a query of stop words has no clause; only prohibited clauses is negated', () => {
    expect(parseSearchQuery('the and of').clauses).toEqual([])
    expect(parseSearchQuery('').clauses).toEqual([])
    expect(parseSearchQuery('-lipf6 -garnet').negated).toBe(true)
    expect(parseSearchQuery('In').clauses.map((c) => c.term)).toEqual(['in'])
  })

  test.each<[string, string, number, number]>([
    ['title:', 'expecting term, found nothing', 0, 5],
    ['foo^', 'boost must be numeric', 4, 4],
    ['~', 'expected either a field or a term, found EDIT_DISTANCE', 1, 1],
    ['garnet~', 'edit distance must be numeric', 7, 7],
    ['^2', "expected either a field or a term, found BOOST with value '2'", 1, 2],
    ['lipf6 +', 'expecting term or field, found nothing', 6, 7],
  ])('parse error %j → 400 with lunr message and position', (q, message, start, end) => {
    const { error } = rejects(() => parseSearchQuery(q))
    expect(error).toMatchObject({ code: 'PARSE_ERROR', status: 400, message, start, end })
  })

  test('error positions point into the string the user typed, not the normalised one', () => {
    const q = '5 mA cm⁻² title:'
    const { error } = rejects(() => parseSearchQuery(q))
    expect(q.slice(error.start, error.end)).toBe('title')
  })
})

describe('parseSearchQuery: limits are rejected quickly', () => {
  test.each<[string, SearchQueryErrorCode, string]>([
    ['a~5', 'EDIT_DISTANCE_TOO_LARGE', '~5'],
    ['garnet abcd~1111', 'EDIT_DISTANCE_TOO_LARGE', '~1111'],
    ['*ab', 'WILDCARD_PREFIX_TOO_SHORT', '*ab'],
    ['*abcdef', 'WILDCARD_PREFIX_TOO_SHORT', '*abcdef'],
    ['li*', 'WILDCARD_PREFIX_TOO_SHORT', 'li*'],
    ['lip* gar* den*', 'TOO_MANY_WILDCARDS', 'den*'],
    ['garn*~1', 'FUZZY_WILDCARD', 'garn*~1'],
    ['lipf6^11', 'BOOST_OUT_OF_RANGE', '^11'],
    ['lipf6^0', 'BOOST_OUT_OF_RANGE', '^0'],
    ['abcdefghijklmnopqrstuvwxyz~1', 'FUZZY_TERM_TOO_LONG', 'abcdefghijklmnopqrstuvwxyz'],
    ['aaa~1 bbb~1 ccc~1 ddd~1 eee~1', 'TOO_MANY_FUZZY_TERMS', 'eee~1'],
    ['ax~2', 'FUZZY_TERM_TOO_SHORT', 'ax~2'],
    ['garnet in~1', 'FUZZY_TERM_TOO_SHORT', 'in~1'],
    ['a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14', 'TOO_MANY_CLAUSES', 'a13 a14'],
  ])('%j → %s at %j', (q, code, where) => {
    const { error, ms } = rejects(() => parseSearchQuery(q))
    expect(error.code).toBe(code)
    expect(q.slice(error.start, error.end)).toBe(where)
    expect(ms).toBeLessThan(100)
  })

  test('a query over 200 characters is rejected before parsing', () => {
    const q = 'lithium '.repeat(38).slice(0, 300)
    const { error, ms } = rejects(() => parseSearchQuery(q))
    expect(error).toMatchObject({ code: 'QUERY_TOO_LONG', start: QUERY_LIMITS.maxLength, end: 300 })
    expect(ms).toBeLessThan(100)
    expect(() => parseSearchQuery('lipf6 '.repeat(33).slice(0, 200))).toThrow(/terms/) // 200 is allowed, 33 terms are not
  })

  test('errors serialise to { code, message, start, end } for a problem+json body', () => {
    const { error } = rejects(() => parseSearchQuery('title:'))
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'PARSE_ERROR', message: 'expecting term, found nothing', start: 0, end: 5 })
  })
})
