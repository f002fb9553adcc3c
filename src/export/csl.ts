/**
 * CSL-JSON export (the input format of citeproc processors, Zotero and
 * Pandoc): one `article-journal` item per study. Names are split into
 * family/given ("A. J. Sanchez" → Sanchez, A. J.); a one-word name becomes a
 * `literal`. The review's "et al." placeholder is not an author, so it is left
 * out of `author` and recorded in `note`. Page ranges use a hyphen. Pure.
 * @module
 */
import type { StudyFile } from '../../schema/files/study-file.ts'
import { authorList, splitName } from './authors.ts'

export type CslName = { literal: string } | { family: string; given: string }

export interface CslItem {
  id: string
  type: 'article-journal'
  title: string
  'container-title': string
  author: CslName[]
  issued: { 'date-parts': [[number]] }
  volume?: string
  issue?: string
  page?: string
  DOI: string
  URL: string
  note?: string
}

export function cslName(name: string): CslName {
  const { family, given } = splitName(name)
  return given ? { family, given } : { literal: family }
}

export function cslItem(s: StudyFile): CslItem {
  const { names, truncated } = authorList(s.authors)
  const item: CslItem = {
    id: s.id,
    type: 'article-journal',
    title: s.title,
    'container-title': s.journal,
    author: names.map(cslName),
    issued: { 'date-parts': [[s.year]] },
    DOI: s.doi,
    URL: `https://doi.org/${s.doi}`,
  }
  if (s.volume) item.volume = s.volume
  if (s.issue) item.issue = s.issue
  if (s.pages) item.page = s.pages.replace(/\s*[–—‒]\s*/g, '-')
  if (truncated) item.note = 'Author list truncated ("et al.") as given by the review.'
  return item
}

/** The items as objects. */
export const cslItems = (studies: readonly StudyFile[]): CslItem[] => studies.map(cslItem)

/** CSL-JSON text: a JSON array of items, pretty-printed with two spaces. */
export function toCslJson(studies: readonly StudyFile[]): string {
  return JSON.stringify(cslItems(studies), null, 2) + '\n'
}
