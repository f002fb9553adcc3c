/**
 * The composed answer's evidence line: how many experiments match, the first six studies cited (seed
 * studies from the knowledge base, studies written through the API from their evidence records), and
 * "…" when more studies match.
 */
import { describe, expect, test } from 'vitest'
import { composeAnswer } from '../../src/answer/answer.ts'
import type { ParsedQuestion } from '../../src/parse/question.ts'
import type { EvidenceItem } from '../../src/predict/evidence.ts'
import { DEFAULT_TOLERANCE, type Match } from '../../src/predict/matching.ts'
import type { StudyFile } from '../../schema/files/study-file.ts'

const question: ParsedQuestion = { text: 'q', intent: 'predict', conditions: {}, techniques: [], topics: [], recognised: [], unrecognised: [] }
const match = (studyId: string, n: number): Match => ({
  item: { studyId, citation: `Author${studyId} 2024`, experimentId: `${studyId}-${n}` } as EvidenceItem, matchedOn: ['additives'],
})
const answer = (matches: Match[], studies = new Map<string, StudyFile>()) =>
  composeAnswer({ question, prediction: null, comparison: null, matches, tolerance: DEFAULT_TOLERANCE, studies })

describe('the answer cites the matching studies', () => {
  test('six studies cited in match order, each once, and "…" when a seventh matches', () => {
    const matches = ['a', 'a', 'b', 'c', 'b', 'd', 'e', 'f', 'g', 'h'].map((s, i) => match(s, i))
    const text = answer(matches)
    expect(text).toContain('10 knowledge-base experiments match')
    expect(text).toContain(': Authora 2024, Authorb 2024, Authorc 2024, Authord 2024, Authore 2024, Authorf 2024, ….')
    expect(text).not.toContain('Authorg')
  })

  test('no "…" with six studies; a seed study is cited from the knowledge base', () => {
    const seed = { id: 'f', authors: ['Jane Seedwriter'], year: 2019 } as StudyFile
    const text = answer(['a', 'b', 'c', 'd', 'e', 'f'].map((s, i) => match(s, i)), new Map([['f', seed]]))
    expect(text).toContain(': Authora 2024, Authorb 2024, Authorc 2024, Authord 2024, Authore 2024, Seedwriter 2019.')
  })
})
