/**
 * BibTeX export: one `@article` entry per study (the review record included),
 * keyed by the study id. Text fields escape the LaTeX specials `{ } & % $ # _`
 * (and `\ ~ ^`, which would otherwise be read as commands, ties or
 * superscripts); Unicode is kept as is, so the file is meant for biber/biblatex
 * or a UTF-8-aware BibTeX. Authors are joined with ` and `; the review's
 * "et al." becomes `and others`. The title is wrapped in an extra pair of braces
 * so styles keep chemical formulas and acronyms (LiPF₆, SEI, TEM) as written.
 * Page ranges use `--`. The DOI is written verbatim (biblatex reads it as a
 * verbatim field), with only braces escaped so the entry stays balanced. Pure.
 * @module
 */
import type { StudyFile } from '../../schema/files/study-file.ts'
import { isEtAl } from './authors.ts'

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  '$': '\\$',
  '#': '\\#',
  '_': '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
}

/** Escape LaTeX specials in one pass (so the braces added for `\textbackslash{}` are not escaped again). */
export function bibtexEscape(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (c) => LATEX_SPECIALS[c] as string)
}

/** `A. Author and B. Author and others` from the review's author list. */
export function bibtexAuthors(authors: readonly string[]): string {
  const names = authors.map((a) => (isEtAl(a) ? 'others' : bibtexEscape(a.trim())))
  // "others" is only meaningful last; keep one, at the end.
  const real = names.filter((n) => n !== 'others')
  return (names.length !== real.length ? [...real, 'others'] : real).join(' and ')
}

const pages = (p: string): string => bibtexEscape(p.replace(/\s*(?:--|[–—‒-])\s*/g, '--'))

/** One `@article{…}` entry. */
export function bibtexEntry(s: StudyFile): string {
  const fields: [string, string][] = [
    ['author', bibtexAuthors(s.authors)],
    ['title', `{${bibtexEscape(s.title)}}`],
    ['journal', bibtexEscape(s.journal)],
    ['year', String(s.year)],
  ]
  if (s.volume) fields.push(['volume', bibtexEscape(s.volume)])
  if (s.issue) fields.push(['number', bibtexEscape(s.issue)])
  if (s.pages) fields.push(['pages', pages(s.pages)])
  fields.push(['doi', s.doi.replace(/[{}]/g, (c) => `\\${c}`)])
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')
  return `@article{${s.id},\n${body}\n}\n`
}

/** All studies as a BibTeX file, entries separated by a blank line. */
export function toBibtex(studies: readonly StudyFile[]): string {
  return studies.map(bibtexEntry).join('\n')
}
