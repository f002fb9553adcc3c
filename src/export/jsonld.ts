/**
 * JSON-LD export: a schema.org `Dataset` whose `hasPart` holds one
 * `ScholarlyArticle` per study, each identified by its DOI URL
 * (`https://doi.org/…`), with authors, year, periodical, and `about` listing
 * the technique families and variants its experiments used (`DefinedTerm`s).
 * The dataset cites the review it is built on and carries a licence note: the
 * summaries are original wording; bibliographic facts belong to the cited
 * works. Uses only schema.org terms under `"@context": "https://schema.org"`.
 * Deterministic: no clock is read — pass `dateModified` if wanted. Pure.
 * @module
 */
import type { StudyFile } from '../../schema/files/study-file.ts'
import type { Technique } from '../../schema/files/vocab-files.ts'
import { authorList } from './authors.ts'

export interface JsonLdMeta {
  /** Dataset name; a default describing the knowledge base is used when absent. */
  name?: string
  description?: string
  /** Canonical URL of the dataset (also its `@id`). */
  url?: string
  /** URL of the licence that applies to the original summaries, if any. */
  licenseUrl?: string
  version?: string
  /** ISO 8601 date supplied by the caller (the export does not read the clock). */
  dateModified?: string
  /** DOI of the review the dataset is built on; defaults to the study with role "review" among `studies`. */
  reviewDoi?: string
  /** Technique vocabulary, to name variants in `about`; ids are used alone without it. */
  techniques?: readonly Technique[]
}

export const FAMILY_NAMES = {
  optical: 'Optical microscopy',
  sem: 'Scanning electron microscopy',
  tem: 'Transmission electron microscopy',
  afm: 'Atomic force microscopy',
  xray: 'X-ray microscopy and imaging',
} as const

export const DEFAULT_DATASET_NAME = 'Knowledge base of in situ and operando microscopy studies of lithium metal anodes'
export const DEFAULT_DATASET_DESCRIPTION =
  'Studies covered by a review of in situ and operando microscopy of Li metal anodes, encoded as experiments '
  + '(technique, cell, electrolyte, conditions) and observations (morphology, dead Li, SEI, short circuits), '
  + 'with corrections to the review recorded.'
export const LICENSE_NOTE =
  'Summaries, key findings, mechanisms and observation notes are original wording written for this knowledge base, '
  + 'not text copied from the cited publications. Bibliographic data (titles, authors, journals, DOIs) are facts '
  + 'about the cited works, which remain under their publishers\u2019 terms.'

type Node = Record<string, unknown>

export const doiUrl = (doi: string): string => `https://doi.org/${doi}`

function articleNode(s: StudyFile, variantNames: Map<string, string>): Node {
  const url = doiUrl(s.doi)
  const families = [...new Set([...s.techniques, ...s.experiments.map((e) => e.technique.family)])]
  const variants = [...new Set(s.experiments.map((e) => e.technique.variant))]
  const about: Node[] = [
    ...families.map((f) => ({ '@type': 'DefinedTerm', termCode: f, name: FAMILY_NAMES[f] })),
    ...variants.map((v) => ({ '@type': 'DefinedTerm', termCode: v, name: variantNames.get(v) ?? v })),
  ]
  const node: Node = {
    '@type': 'ScholarlyArticle',
    '@id': url,
    identifier: url,
    url,
    headline: s.title,
    name: s.title,
    author: authorList(s.authors).names.map((name) => ({ '@type': 'Person', name })),
    datePublished: String(s.year),
    isPartOf: { '@type': 'Periodical', name: s.journal },
    about,
    abstract: s.summary,
  }
  if (s.pages) node.pagination = s.pages
  if (s.role === 'review') node.genre = 'review'
  return node
}

/** The JSON-LD document as an object. */
export function jsonLdDocument(studies: readonly StudyFile[], meta: JsonLdMeta = {}): Node {
  const variantNames = new Map((meta.techniques ?? []).map((t) => [t.id, t.name]))
  const review = studies.find((s) => s.role === 'review')
  const reviewDoi = meta.reviewDoi ?? review?.doi
  const doc: Node = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
  }
  if (meta.url) { doc['@id'] = meta.url; doc.url = meta.url }
  doc.name = meta.name ?? DEFAULT_DATASET_NAME
  doc.description = meta.description ?? DEFAULT_DATASET_DESCRIPTION
  if (reviewDoi) {
    const citation: Node = { '@type': 'ScholarlyArticle', '@id': doiUrl(reviewDoi), identifier: doiUrl(reviewDoi) }
    const r = studies.find((s) => s.doi.toLowerCase() === reviewDoi.toLowerCase())
    if (r) citation.name = r.title
    doc.citation = citation
    doc.isBasedOn = doiUrl(reviewDoi)
  }
  const license: Node = { '@type': 'CreativeWork', name: 'Licence note', text: LICENSE_NOTE }
  if (meta.licenseUrl) license.url = meta.licenseUrl
  doc.license = license
  if (meta.version) doc.version = meta.version
  if (meta.dateModified) doc.dateModified = meta.dateModified
  const families = [...new Set(studies.flatMap((s) => s.techniques))]
  doc.measurementTechnique = families.map((f) => FAMILY_NAMES[f])
  doc.hasPart = studies.map((s) => articleNode(s, variantNames))
  return doc
}

/** JSON-LD text (pretty-printed, two spaces). */
export function toJsonLd(studies: readonly StudyFile[], meta: JsonLdMeta = {}): string {
  return JSON.stringify(jsonLdDocument(studies, meta), null, 2) + '\n'
}
