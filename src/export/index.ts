/**
 * Exports of a (caller-filtered) list of studies: CSV, BibTeX, CSL-JSON and
 * schema.org JSON-LD. All pure: `StudyFile[]` in, text out.
 * @module
 */
export { CSV_COLUMNS, csvField, csvRows, guardFormula, toCsv, type CsvColumn, type CsvOptions } from './csv.ts'
export { bibtexAuthors, bibtexEntry, bibtexEscape, toBibtex } from './bibtex.ts'
export { cslItem, cslItems, cslName, toCslJson, type CslItem, type CslName } from './csl.ts'
export { doiUrl, FAMILY_NAMES, jsonLdDocument, LICENSE_NOTE, toJsonLd, type JsonLdMeta } from './jsonld.ts'
