/**
 * Text clean-up shared by the unit parser and the question parser: papers and
 * users write the same quantity with Unicode superscripts, minus signs, micro
 * signs, LaTeX-style carets and multiplication crosses. Everything is folded to
 * one form before parsing.
 * @module
 */

/** Unicode superscript digits and signs → ASCII (shared by the unit, question and search folding). */
export const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
  '⁻': '-', '⁺': '+',
}

/** A regex source matching a superscript power: an optional sign, then digits (`⁻²`, `¹⁰`), from the table. */
const superscriptsOf = (ascii: string) => Object.keys(SUPERSCRIPTS).filter((c) => ascii.includes(SUPERSCRIPTS[c] as string)).join('')
export const SUPERSCRIPT_POWER = `[${superscriptsOf('+-')}]?[${superscriptsOf('0123456789')}]+`

/** Superscript digits and signs as ASCII (`⁻²` → `-2`); other characters unchanged. */
export const superscriptToAscii = (s: string): string => [...s].map((c) => SUPERSCRIPTS[c] ?? c).join('')

/** Unicode subscript digits → ASCII. */
export const SUBSCRIPTS: Readonly<Record<string, string>> = {
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
}

/**
 * Fold Unicode variants: `mA cm⁻²` → `mA cm^-2`, `μA`/`µA` → `uA`, `−4` → `-4`,
 * `5.7 × 10⁻⁶` → `5.7e-6`, en/em dashes → `–` (kept: they mark ranges).
 */
const SUPERSCRIPT_POWERS = new RegExp(SUPERSCRIPT_POWER, 'g')

export function foldUnicode(text: string): string {
  return text
    .replace(/[\u2212\u2012\u2010\u2011]/g, '-')
    .replace(/\u2014/g, '–')
    .replace(/[µμ]/g, 'u')
    .replace(/℃/g, '°C')
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/[·⋅•]/g, ' ')
    .replace(SUPERSCRIPT_POWERS, (m) => '^' + superscriptToAscii(m))
    .replace(/[⁻⁺]/g, (c) => SUPERSCRIPTS[c] ?? c)
    .replace(/[₀₁₂₃₄₅₆₇₈₉]/g, (c) => SUBSCRIPTS[c] ?? c)
    .replace(/\^\{([^}]*)\}/g, '^$1')
    .replace(/\s*[×x*]\s*10\s*\^\s*([+-]?\d+)/g, 'e$1')
    .replace(/\s+/g, ' ')
    .trim()
}
