/**
 * The one tokenizer both search engines use (lunr in memory, SQLite FTS5 at
 * scale), so a word is the same token whichever engine answers.
 *
 * Text is processed in two stages.
 *
 * 1. **Text stage** (`prepareText` for documents, `normaliseQuery` for queries):
 *    - `× 10⁻⁶` / `x 10^-6` after a number become `e-6` (`5.7 × 10⁻⁷ Pa` → `5.7e-7 pa`);
 *    - every other Unicode super/subscript becomes plain ASCII *without* a caret
 *      (`cm⁻²` → `cm-2`, `LiPF₆` → `lipf6`, `e⁻` → `e-`), because a caret is lunr's boost operator;
 *    - `foldUnicode` (µ/μ → u, minus signs, ℃ …), NFKD + removal of combining marks
 *      (diacritics, `Å` → `a`), NFKC, lower case, every dash (en, em, minus…) → `-`;
 *      characters outside the Basic Multilingual Plane become spaces;
 *    - a caret between a letter and a signed digit is dropped (`cm^-2` → `cm-2`); in documents
 *      every other caret is dropped after a letter and becomes a space elsewhere; in queries an
 *      unsigned `^n` stays a boost;
 *    - **unit-bearing numbers**: a number (or a `2-20` range) followed by a unit written
 *      the way papers write it (`5 mA cm⁻²`, `5 mA/cm2`, `5mA cm^-2`, `1 M`, `60 °C`,
 *      `5 wt%`, `20 mV s⁻¹`, `0.3 e⁻ Å⁻² s⁻¹`) gets one canonical token: the number in
 *      shortest form (`1.0` → `1`) followed by the unit, numerator atoms concatenated and
 *      each denominator atom after a `/` with its exponent (see {@link canonicalQuantity}):
 *      `5ma/cm2`, `1m`, `60degc`, `5wt%`, `20mv/s`, `0.3e/a2/s`, `2-20ma/cm2`, `5.7e-7pa`.
 *      Renames: `°C`→`degc`, `°`→`deg`, `wt.%`→`wt%`, `Ω`→`ohm`, `sec`→`s`, `hr`/`hours`→`h`,
 *      `mins`→`min`, `days`→`day`, `e⁻`→`e`. Documents keep the words as written and get the
 *      canonical token appended; queries have the phrase replaced by it, so `5 mA/cm2`
 *      is one precise term;
 *    - queries only: a `word:` prefix is a field only when `word` is a search field;
 *      any other colon is escaped so it stays inside the term (`EC:DMC`, `1:1`).
 * 2. **Token stage** (`expandToken`): text is split on every character that is not a
 *    letter, a digit or one of `- . + / : %` (the FTS5 `tokenchars`) — for lunr the
 *    lexer's own syntax characters `* ~ ^ \` are also kept and split off here. Then each
 *    token is trimmed (leading non-alphanumerics; trailing ones except `+` and `%`) and:
 *    - a **quantity token** (`5ma/cm2`, `5wt%`, `10nm`, `2-20ma/cm2`) is kept whole and
 *      also gives its number(s), its unit and the unit's `/`-parts
 *      (`5ma/cm2` → `5ma/cm2 5 ma/cm2 ma cm2`; a range also gives each end with the unit);
 *    - a **compound** containing `-`, `/`, `:` (or a dot between two letters) is kept whole,
 *      unstemmed, and each part is added as its own token (`ec:dmc` → `ec:dmc ec dmc`,
 *      `in-doped` → `in-doped in dope`, `li/li+` → `li/li+ li li+`, `cm-2` → `cm-2 cm 2`);
 *    - a **plain word** (letters only) is dropped if it is an English stop word — except the
 *      element symbols `am as at be he i in no s` — and is otherwise Porter-stemmed by
 *      `lunr.stemmer` (`dendrites` → `dendrit`);
 *    - anything else (formulas `lipf6`, `li7la3zr2o12`, `li2co3`, numbers, `li+`) is kept as is.
 *
 * Queries use only the *whole* form of each term (`queryTerms`), never the parts, so
 * `in-doped` looks up `in-doped` and `doped` looks up the part `dope`.
 * @module
 */
import lunr from 'lunr'
import { foldUnicode, superscriptToAscii, SUPERSCRIPT_POWER, SUPERSCRIPTS } from '../units/normalise.ts'

/** Characters that belong inside a token (the FTS5 `tokenchars` plus letters and digits). */
const TOKEN_CHAR = String.raw`\p{L}\p{N}\-.+/:%`

/**
 * Separator for `lunr.tokenizer.separator` and `lunr.QueryLexer.termSeparator`: any
 * character that is not a token character nor one of lunr's query syntax characters
 * (`*` wildcard, `~` fuzzy, `^` boost, `\` escape), which `expandToken` splits off later.
 */
export const LUNR_SEPARATOR = new RegExp(`[^${TOKEN_CHAR}*~^\\\\]+`, 'u')
const SPLIT = new RegExp(LUNR_SEPARATOR.source, 'gu')
const SYNTAX_SPLIT = /[*~^\\]+/

/** Element symbols that are also English stop words: never dropped. */
export const KEPT_ELEMENT_SYMBOLS: ReadonlySet<string> = new Set(['am', 'as', 'at', 'be', 'he', 'i', 'in', 'no', 's'])

// --------------------------------------------------------------------------
// Text with a map back to the positions of the original string (for queries,
// so parse errors point into what the user typed).

/** `map[i]` is the index in the original string of output character `i`; `map[text.length]` is the original length. */
export interface MappedText { text: string; map: number[] | null }

const identity = (text: string, tracked: boolean): MappedText =>
  ({ text, map: tracked ? Array.from({ length: text.length + 1 }, (_, i) => i) : null })
/** Replace every match of the global regex `re`; replacement characters map to the matched span. */
function replaceMapped(m: MappedText, re: RegExp, fn: (match: RegExpExecArray) => string): MappedText {
  if (!m.map) return { text: m.text.replace(re, (...args) => fn(toExec(args))), map: null }
  const src = m.map
  let out = ''
  const map: number[] = []
  let last = 0
  re.lastIndex = 0
  for (let x = re.exec(m.text); x; x = re.exec(m.text)) {
    const s = x.index
    const e = s + x[0].length
    if (e === s) { re.lastIndex++; continue }
    const r = fn(x)
    out += m.text.slice(last, s)
    for (let i = last; i < s; i++) map.push(src[i] as number)
    if (r === x[0]) for (let i = s; i < e; i++) map.push(src[i] as number)
    else for (let k = 0; k < r.length; k++) map.push(src[s + Math.min(k, e - s - 1)] as number)
    out += r
    last = e
  }
  out += m.text.slice(last)
  for (let i = last; i <= m.text.length; i++) map.push(src[i] as number)
  return { text: out, map }
}

/** Rebuild a RegExpExecArray-like value from `String.replace` callback arguments. */
function toExec(args: unknown[]): RegExpExecArray {
  const hasGroups = typeof args[args.length - 1] === 'object' && args[args.length - 1] !== null
  const end = hasGroups ? args.length - 3 : args.length - 2
  const arr = args.slice(0, end) as string[] as unknown as RegExpExecArray
  arr.index = args[end] as number
  arr.input = args[end + 1] as string
  return arr
}

// --------------------------------------------------------------------------
// Unicode folding.

const SUP_CLASS = Object.keys(SUPERSCRIPTS).join('')
const POWER_OF_TEN = new RegExp(String.raw`(\d)\s*[×x*]\s*10\s*(?:(${SUPERSCRIPT_POWER})|\^\s*([-+]?\d+))`, 'g')
const SUPERSCRIPT_RUN = new RegExp(`[${SUP_CLASS}]+`, 'g')
/** Whitespace-delimited runs; only those with non-ASCII characters or a LaTeX-style `^{…}` are folded. */
const RUN = /\S+/g
const ASTRAL = /[\u{10000}-\u{10FFFF}]/gu
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g
const MARKS = /\p{M}/gu

/** `5 × 10⁻⁶`, `5 x 10^-6` → `5e-6`. */
const powerOfTen = (x: RegExpExecArray): string => `${x[1]}e${x[2] === undefined ? x[3] : superscriptToAscii(x[2])}`

function foldRun(run: string): string {
  return foldUnicode(run).normalize('NFKD').replace(MARKS, '').normalize('NFKC').toLowerCase()
}

const NON_ASCII = /[^\x00-\x7f]/

function foldText(m: MappedText): MappedText {
  const nonAscii = NON_ASCII.test(m.text)
  if (nonAscii) m = replaceMapped(m, ASTRAL, () => ' ')
  if (m.text.includes('10')) m = replaceMapped(m, POWER_OF_TEN, powerOfTen)
  if (nonAscii) m = replaceMapped(m, SUPERSCRIPT_RUN, (x) => superscriptToAscii(x[0]))
  if (nonAscii || m.text.includes('^{')) {
    m = replaceMapped(m, RUN, (x) => {
      if (!NON_ASCII.test(x[0]) && !x[0].includes('^{')) return x[0]
      return foldRun(x[0])
    })
  }
  // A LaTeX power of ten (`× 10^{-6}`) only becomes `10^-6` once folded.
  if (m.text.includes('10^')) m = replaceMapped(m, POWER_OF_TEN, powerOfTen)
  // What is left is ASCII (lower-casing keeps its length) or already lower case.
  const lower = m.text.toLowerCase()
  m = lower.length === m.text.length ? { text: lower, map: m.map } : replaceMapped(m, /[^]/g, (x) => x[0].toLowerCase())
  return nonAscii ? replaceMapped(m, DASHES, () => '-') : m
}

// --------------------------------------------------------------------------
// Unit-bearing numbers.

const NUM = String.raw`\d+(?:\.\d+)?(?:e[-+]?\d+)?`

/** Unit atoms as they appear after folding and lower-casing (longest alternatives first). */
const ATOM_PATTERNS: string[] = [
  String.raw`wt\.?\s?%`, String.raw`vol\.?\s?%`, String.raw`at\.?\s?%`, String.raw`mol\s?%`, 'ppm', '%',
  String.raw`°\s?c`, 'degc', '°',
  'hours', 'hour', 'hrs', 'hr', 'mins', 'min', 'days', 'day', 'weeks', 'week', 'sec',
  'mmol', 'umol', 'mol', 'kohm', 'mohm', 'ohm', 'ω', 'mbar', 'bar', 'atm', 'torr', 'psi',
  'kpa', 'mpa', 'gpa', 'pa', 'mwh', 'wh', 'mah', 'uah', 'ah', 'kev', 'ev',
  'ma', 'ua', 'na', 'ka', 'cm', 'mm', 'um', 'nm', 'pm', 'km', 'ms', 'us', 'ns', 'ml', 'ul',
  'mg', 'ug', 'kg', 'mv', 'uv', 'kv', 'mw', 'kw',
  'e-', 'a', 'c', 'm', 's', 'h', 'l', 'g', 'v', 'w', 'k', 'e',
]
const ATOM = `(?:${ATOM_PATTERNS.join('|')})`
/** Fractions and temperatures stand alone: no `/` or `cm-2` after them. */
const LONE_ATOM = `(?:${ATOM_PATTERNS.filter((a) => /[%°]/.test(a) || a === 'ppm' || a === 'degc').join('|')})`
const PRODUCT_ATOM = `(?:${ATOM_PATTERNS.filter((a) => !/[%°]/.test(a) && a !== 'ppm' && a !== 'degc').join('|')})`
const END = String.raw`(?![\p{L}\p{N}])`
const ATOM_EXP = `${PRODUCT_ATOM}(?:[-+]?\\d)?${END}`
const UNIT = `${LONE_ATOM}${END}|${ATOM_EXP}(?:\\s*/\\s*${ATOM_EXP}|\\s+${PRODUCT_ATOM}[-+]?\\d${END})*`
/** Not after a letter, digit, dot, escape, boost caret or fuzzy tilde; `1e-3` is a number, not `1 e⁻³`. */
const PHRASE = new RegExp(String.raw`(?<![\p{L}\p{N}.\\^~])(${NUM})(?:-(${NUM}))?(?!e[-+]?\d)\s?(${UNIT})`, 'gu')
const UNIT_PART = new RegExp(`(/)|(${ATOM})([-+]?\\d)?`, 'gu')

const RENAME: Record<string, string> = {
  '°c': 'degc', '°': 'deg', 'ω': 'ohm', sec: 's', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  mins: 'min', days: 'day', weeks: 'week', 'e-': 'e',
}
const renameAtom = (atom: string): string => {
  const a = atom.replace(/[\s.]/g, '')
  return RENAME[a] ?? a
}

/** Canonical unit string: numerator atoms concatenated, each denominator as `/atom[n]` (`mA cm⁻²` → `ma/cm2`). */
export function canonicalUnit(unit: string): string {
  let num = ''
  let den = ''
  let divide = false
  UNIT_PART.lastIndex = 0
  for (const m of unit.matchAll(UNIT_PART)) {
    if (m[1]) { divide = true; continue }
    const atom = renameAtom(m[2] as string)
    const exp = (m[3] ? Number(m[3]) : 1) * (divide ? -1 : 1)
    divide = false
    if (exp > 0) num += atom + (exp === 1 ? '' : String(exp))
    else if (exp < 0) den += '/' + atom + (exp === -1 ? '' : String(-exp))
  }
  return num + den
}

const canonicalNumber = (n: string): string => {
  const v = Number(n)
  return Number.isFinite(v) ? String(v) : n
}

/** `(5, undefined, 'mA cm-2')` → `5ma/cm2`; `(2, 20, 'mA cm-2')` → `2-20ma/cm2`. */
export function canonicalQuantity(a: string, b: string | undefined, unit: string): string | null {
  const u = canonicalUnit(unit)
  if (!u) return null
  return canonicalNumber(a) + (b === undefined ? '' : '-' + canonicalNumber(b)) + u
}

function quantityPhrases(m: MappedText, mode: 'doc' | 'query'): MappedText {
  return replaceMapped(m, PHRASE, (x) => {
    const canon = canonicalQuantity(x[1] as string, x[2], x[3] as string)
    if (!canon) return x[0]
    if (mode === 'query') return canon
    return canon === x[0] ? x[0] : `${x[0]} ${canon}`
  })
}

/** Unit atoms as they appear inside a canonical token (no spaces, dots or degree signs). */
const CANON_ATOM = `(?:${['wt%', 'vol%', 'at%', 'mol%', 'deg', ...ATOM_PATTERNS.filter((a) => !/\\s|\\\.|-|°/.test(a))].join('|')})`
/** A token that is a number (or range) immediately followed by a canonical unit. */
const QUANTITY_TOKEN = new RegExp(`^(${NUM})(?:-(${NUM}))?((?:/?${CANON_ATOM}\\d?)+)$`, 'u')
/** A bare number, possibly with an exponent (`5.7e-6`): kept whole, not split at the `-`. */
const NUMBER_TOKEN = new RegExp(`^${NUM}$`)

// --------------------------------------------------------------------------
// Text stage.

function normaliseCommon(m: MappedText, mode: 'doc' | 'query'): MappedText {
  m = foldText(m)
  if (m.text.includes('^')) {
    m = replaceMapped(m, /(?<=\p{L})\^(?=[-+]\d)/gu, () => '')
    if (mode === 'doc') {
      m = replaceMapped(m, /(?<=\p{L})\^(?=\d)/gu, () => '')
      m = replaceMapped(m, /\^/g, () => ' ')
    }
  }
  return /\d/.test(m.text) ? quantityPhrases(m, mode) : m
}

/** Document text ready for splitting: folded, lower-cased, with canonical quantity tokens appended. */
export function prepareText(text: string): string {
  return normaliseCommon(identity(text, false), 'doc').text
}

/**
 * Query text ready for lunr's `QueryParser`, with a map back to the user's string:
 * folded, lower-cased, quantities replaced by their canonical token, and colons that
 * do not follow one of `fields` escaped (`ec:dmc` → `ec\:dmc`).
 */
export function normaliseQuery(query: string, fields: readonly string[]): MappedText {
  const m = normaliseCommon(identity(query, true), 'query')
  return escapeColons(m, new Set(fields))
}

const isSeparator = (ch: string): boolean => /\s/.test(ch) || LUNR_SEPARATOR.test(ch)

function escapeColons(m: MappedText, fields: Set<string>): MappedText {
  const src = m.map as number[]
  const t = m.text
  let out = ''
  const map: number[] = []
  let termStart = 0
  let fieldSeen = false
  for (let i = 0; i < t.length; i++) {
    const ch = t[i] as string
    if (ch === '\\') { // lunr escape: copy it and the character it escapes
      out += t.slice(i, i + 2)
      map.push(src[i] as number, ...(i + 1 < t.length ? [src[i + 1] as number] : []))
      i++
      continue
    }
    if (ch === ':') {
      let prefix = t.slice(termStart, i)
      if (!fieldSeen) prefix = prefix.replace(/^[+-]/, '')
      if (!fieldSeen && fields.has(prefix)) {
        fieldSeen = true
        termStart = i + 1
      } else {
        out += '\\'
        map.push(src[i] as number)
      }
    } else if (isSeparator(ch)) {
      termStart = i + 1
      fieldSeen = false
    }
    out += ch
    map.push(src[i] as number)
  }
  map.push(src[t.length] as number)
  return { text: out, map }
}

// --------------------------------------------------------------------------
// Token stage.

/** Plain word → its index form: null for a stop word, else the Porter stem. Cached. */
const wordCache = new Map<string, string | null>()
const CACHE_LIMIT = 200_000

function wordForm(word: string): string | null {
  let w = wordCache.get(word)
  if (w === undefined) {
    const stop = !KEPT_ELEMENT_SYMBOLS.has(word) && lunr.stopWordFilter(new lunr.Token(word, {})) === undefined
    w = stop ? null : lunr.stemmer(new lunr.Token(word, {})).toString()
    if (wordCache.size > CACHE_LIMIT) wordCache.clear()
    wordCache.set(word, w)
  }
  return w
}

const TRIM_START = /^[^\p{L}\p{N}]+/u
const TRIM_END = /[^\p{L}\p{N}+%]+$/u
const COMPOUND_SPLIT = /[-/:]+|(?<=\p{L})\.(?=\p{L})/u
const COMPOUND_SPLIT_G = new RegExp(COMPOUND_SPLIT.source, 'gu')
const LETTERS = /^\p{L}+$/u

const ALNUM_EDGE = /^[a-z0-9](?:.*[a-z0-9])?$/s
const trimToken = (s: string): string => (ALNUM_EDGE.test(s) ? s : s.replace(TRIM_START, '').replace(TRIM_END, ''))
const ASCII_WORD = /^[a-z]+$/

/** The whole (query) form of one already-split, trimmed chunk; null for a stop word. */
function wholeForm(t: string): string | null {
  if (QUANTITY_TOKEN.test(t) || COMPOUND_SPLIT.test(t)) return t
  if (LETTERS.test(t)) return wordForm(t)
  return t
}

function addChunk(chunk: string, out: string[]): void {
  const t = trimToken(chunk)
  if (!t) return
  const q = QUANTITY_TOKEN.exec(t)
  if (q) {
    const [, a, b, unit] = q as unknown as [string, string, string | undefined, string]
    out.push(t, b === undefined ? a : `${a}-${b}`, unit)
    if (b !== undefined) out.push(a, b, a + unit, b + unit)
    for (const p of unit.split('/')) if (p && p !== unit) out.push(p)
    return
  }
  if (NUMBER_TOKEN.test(t)) {
    out.push(t)
    return
  }
  if (COMPOUND_SPLIT.test(t)) {
    out.push(t)
    for (const part of t.split(COMPOUND_SPLIT_G)) if (part) addChunk(part, out)
    return
  }
  const w = wholeForm(t)
  if (w) out.push(w)
}

/** Index tokens for one raw token (a piece of prepared text between separators): whole form first, then parts. */
export function expandToken(raw: string): string[] {
  if (ASCII_WORD.test(raw)) {
    const w = wordForm(raw)
    return w === null ? [] : [w]
  }
  const out: string[] = []
  for (const chunk of raw.split(SYNTAX_SPLIT)) addChunk(chunk, out)
  return out.length > 1 ? [...new Set(out)] : out
}

/** Split prepared text on the separator (what `lunr.tokenizer` does with `LUNR_SEPARATOR`). */
export const splitPrepared = (prepared: string): string[] => prepared.split(SPLIT).filter(Boolean)

/** All index tokens of a text, in order (duplicates kept: they are term frequencies). */
export function tokenize(text: string): string[] {
  const out: string[] = []
  for (const raw of splitPrepared(prepareText(text))) for (const t of expandToken(raw)) out.push(t)
  return out
}

/** Whole forms of a query term produced by lunr's lexer (usually one; none for a stop word). */
export function queryTerms(term: string): string[] {
  const out: string[] = []
  for (const raw of splitPrepared(term)) {
    for (const chunk of raw.split(SYNTAX_SPLIT)) {
      const t = trimToken(chunk)
      const w = t ? wholeForm(t) : null
      if (w) out.push(w)
    }
  }
  return out
}

/**
 * A wildcard query term, cleaned but not stemmed (lunr does not run wildcard terms
 * through its pipeline): characters outside the token set are removed, `*` kept.
 */
export function wildcardPattern(term: string): string {
  return term
    .replace(new RegExp(`[^${TOKEN_CHAR}*]`, 'gu'), '')
    .replace(/^[^\p{L}\p{N}*]+/u, '')
    .replace(/[^\p{L}\p{N}+%*]+$/u, '')
}
