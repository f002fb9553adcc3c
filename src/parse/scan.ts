/**
 * The shared machinery of the text parsers: find, in text written the way
 * researchers write it, every cell notation, quantity, ratio, material,
 * technique, topic and keyword, each with its span in the original text, and
 * keep every token it could not read. Deterministic: fixed word lists, the
 * vocabulary index and the unit parser; no learned model.
 *
 * Passes, each claiming characters so later passes skip them:
 *  1. cell notation (`Li||Cu`, `Li | LLZTO | Li`, `Li/Cu`, `Li-Li`) and trade names (`Celgard 2400`), `C/3`;
 *  2. words that start with a digit (`3D`, `70Li2S-30P2S5`, `1,2-dimethoxyethane`);
 *  3. ratios (`1:1 v/v`, `(1:1 by volume)`, `8/2`) and quantities — the longest
 *     unit that `parseQuantity` accepts after each number; `N cycles`;
 *  4. phrases, longest first (up to 6 words): separators, cell words, topics,
 *     materials, technique families and techniques, morphology, solid forms,
 *     surface preparations; then `X-coated`/`X-free`, and `EC:DEC`, `DOL/DME`
 *     split into their parts.
 * @module
 */
import type { VocabIndex } from '../kb/vocab-index.ts'
import { termKey } from '../kb/vocab-index.ts'
import { attempt, parseQuantity, parseRatio, type ParsedQuantity, type ParsedRatio } from '../units/parse.ts'
import { resolveSymbol } from '../units/units.ts'
import { foldWithMap, originalSpan, type Folded } from './fold.ts'
import {
  CELL_WORDS, COMPARE_WORDS, DEFAULT_MATERIAL_CATEGORIES, DENDRITIC_FAMILIES, MATERIAL_SUFFIXES, NAMED_TEMPERATURES, SEPARATORS,
  SOLID_FORMS, STOP_WORDS, SURFACE_PREPS, TOPICS, type SeparatorType,
} from './lexicon.ts'

export type CellKind = 'Li-Cu' | 'Li-Li' | 'anode-free' | 'Li-cathode'
export type SolidForm = (typeof SOLID_FORMS)[string]

/** Material list the parsers classify materials with (the knowledge base's `vocab.materials`). */
export interface ParseOptions {
  materials?: ReadonlyArray<{ id: string; categories: readonly string[] }>
  /** Morphology terms with their family, to tell dendritic terms apart (`vocab.morphology`). */
  morphology?: ReadonlyArray<{ id: string; family: string }>
}

export type ItemBody =
  | { type: 'cell'; cell?: CellKind; substrate?: string; solid?: string; note?: string }
  | { type: 'quantity'; q: ParsedQuantity; note?: string }
  | { type: 'ratio'; ratio: ParsedRatio }
  | { type: 'cycles'; n: number }
  | { type: 'material'; id: string; modifier?: 'coated' | 'free' | 'with'; group?: number }
  | { type: 'technique'; id: string; family: boolean }
  | { type: 'topic'; topic: string }
  | { type: 'morphology'; id: string; family?: string }
  | { type: 'separator'; sep: SeparatorType; note?: string }
  | { type: 'form'; form: SolidForm }
  | { type: 'prep'; value: string }
  | { type: 'temperature-word'; value: number }
  | { type: 'compare' }

/** An item with its span `[a, b)` in the folded text. */
export type Item = ItemBody & { a: number; b: number }

export interface Token { a: number; b: number }

export interface Scan {
  text: string
  folded: Folded
  items: Item[]
  unrecognised: Token[]
}

const NUM = String.raw`(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?`
const NUM_START = new RegExp(String.raw`(?<![A-Za-z0-9_.^)\]}])[+-]?(?:\d|\.\d)`, 'g')
const HEAD_LIST = new RegExp(String.raw`^[+-]?${NUM}(?:\s*[×x*]\s*10\^[+-]?\d+)?(?:\s*(?:,\s*and|,\s*or|,|and|or|to|–|-)\s*${NUM})+`)
const HEAD_ONE = new RegExp(String.raw`^[+-]?${NUM}(?:\s*[×x*]\s*10\^[+-]?\d+)?`)
const BASIS = String.raw`(?:v\s*\/\s*v|w\s*\/\s*w|v:v|w:w|by\s+volume|by\s+vol\.?|by\s+weight|by\s+mass|by\s+mol(?:e|ar)?|in\s+volume|in\s+weight|vol\.?\s*%?|wt\.?\s*%?|mol\s*%?|volume\s+ratio|weight\s+ratio|mass\s+ratio|molar\s+ratio|volumetric)`
const COLON_RATIO = new RegExp(String.raw`^(${NUM}(?:\s*:\s*${NUM})+)(?:\s*,?\s*\(?\s*(${BASIS}))?(?![A-Za-z0-9])`, 'i')
const SLASH_RATIO = new RegExp(String.raw`^(${NUM}(?:\s*\/\s*${NUM})+)(?:\s*,?\s*\(?\s*(${BASIS}))?(?![A-Za-z0-9])`, 'i')
const QUALIFIER_BEFORE = /(?<![A-Za-z])(~|≈|∼|approx\.?|ca\.|circa|<=|>=|≤|≥|<|>)\s*$/i
const TOKEN_RE = /(?:[^\s,;?!+"=]|,(?=\d))+/g
const WORD = String.raw`[A-Za-z][A-Za-z0-9@]*`
const CELL_SEP = String.raw`\s*\|\|?\s*|\/|-|–`
const CELL_RE = new RegExp(String.raw`(?<![A-Za-z0-9@|\/\-–])(${WORD})(${CELL_SEP})(${WORD})(?:(${CELL_SEP})(${WORD}))?(?![A-Za-z0-9@|])`, 'g')

/** Short or common-English words that only count as a material/technique when written with capitals (`In`, `W`, `STEM`). */
const GUARDED = new Set(['in', 'at', 'as', 'be', 'no', 'so', 'do', 'to', 'on', 'or', 'an', 'is', 'it', 'us', 'we', 'he',
  'me', 'my', 'by', 'up', 'of', 'if', 'stem', 'co', 'am', 'pm', 'w', 'sb', 'ti', 'spe', 'gc', 'fc', 'ss'])

const DENDRITIC_IDS = new Set(['whisker', 'needle', 'filament', 'rod', 'nanowire', 'hollow-shell', 'dendritic', 'pillar',
  'crack-filling', 'penetrating-dendrite', 'protrusion', 'mossy'])

export interface Classifier {
  categories(id: string): readonly string[]
  dendritic(morphologyId: string): boolean
}

const classifiers = new WeakMap<object, Classifier>()
let defaultClassifier: Classifier | undefined

/** Material categories and morphology families; cached per options object. */
export function makeClassifier(options?: ParseOptions): Classifier {
  if (!options) return (defaultClassifier ??= buildClassifier(undefined))
  let c = classifiers.get(options)
  if (!c) { c = buildClassifier(options); classifiers.set(options, c) }
  return c
}

function buildClassifier(options: ParseOptions | undefined): Classifier {
  const cats = new Map<string, readonly string[]>(Object.entries(DEFAULT_MATERIAL_CATEGORIES))
  for (const m of options?.materials ?? []) cats.set(m.id, m.categories)
  const fam = new Map((options?.morphology ?? []).map((m) => [m.id, m.family]))
  return {
    categories: (id) => cats.get(id) ?? [],
    dendritic: (id) => {
      const f = fam.get(id)
      return f === undefined ? DENDRITIC_IDS.has(id) : DENDRITIC_FAMILIES.has(f)
    },
  }
}

/** Strip punctuation around a token; returns the inner span or undefined when nothing is left. */
function trimToken(s: string, a: number, b: number): Token | undefined {
  for (;;) {
    const t = s.slice(a, b)
    if (t.length === 0) return undefined
    const open = (t.match(/\(/g) ?? []).length
    const close = (t.match(/\)/g) ?? []).length
    const first = t[0] as string
    const last = t[t.length - 1] as string
    if (/["'\[{]/.test(first) || (first === '(' && open > close)) { a++; continue }
    if (/["'\]}.:;,!?]/.test(last) || (last === ')' && close > open)) { b--; continue }
    if (first === '(' && last === ')' && open === 1 && close === 1) { a++; b--; continue }
    return { a, b }
  }
}

const isWhitespace = (t: string) => /^\s*$/.test(t)

export function scanText(text: string, vocab: VocabIndex, cls: Classifier): Scan {
  const folded = foldWithMap(text)
  const s = folded.s
  const claimed = new Uint8Array(s.length)
  const items: Item[] = []
  const unrecognised: Token[] = []
  let nextGroup = 1

  const free = (a: number, b: number) => { for (let i = a; i < b; i++) if (claimed[i]) return false; return true }
  const claim = (a: number, b: number) => { for (let i = a; i < b; i++) claimed[i] = 1 }
  const add = (body: ItemBody, a: number, b: number) => { items.push({ ...body, a, b } as Item); claim(a, b) }
  const orig = (a: number, b: number) => { const [x, y] = originalSpan(folded, a, b); return text.slice(x, y) }
  const material = (p: string, loose = false, atStart = false): string | undefined => {
    const id = vocab.resolve('material', p)
    if (!id) return undefined
    if (loose) return id
    return guardOk(p, id, atStart) ? id : undefined
  }

  // 1. Cell notation.
  CELL_RE.lastIndex = 0
  for (let m = CELL_RE.exec(s); m; m = CELL_RE.exec(s)) {
    const at = m.index
    const words = [m[1], m[3], m[5]].filter((w): w is string => w !== undefined)
    const seps = [m[2], m[4]].filter((w): w is string => w !== undefined)
    let done = false
    for (const n of words.length === 3 ? [3, 2] : [2]) {
      const ws = words.slice(0, n)
      const ss = seps.slice(0, n - 1)
      const len = ws.reduce((acc, w) => acc + w.length, 0) + ss.reduce((acc, x) => acc + x.length, 0)
      const whole = s.slice(at, at + len)
      const cell = readCell(ws, ss, whole, s.slice(at + len, at + len + 20), vocab, cls)
      if (cell && free(at, at + len)) {
        add({ type: 'cell', ...cell }, at, at + len)
        CELL_RE.lastIndex = at + len
        done = true
        break
      }
    }
    if (!done) CELL_RE.lastIndex = at + 1
  }
  for (const m of s.matchAll(/(?<![A-Za-z0-9])celgard\s*®?\s*(\d{4})(?![0-9])/gi)) {
    const a = m.index
    if (free(a, a + m[0].length)) add({ type: 'separator', sep: 'PP', note: `"${m[0]}" read as a polypropylene (PP) separator` }, a, a + m[0].length)
  }
  for (const m of s.matchAll(/(?<![A-Za-z0-9])(?:\d+(?:\.\d+)?\s*)?C\s*\/\s*\d+(?:\.\d+)?(?![A-Za-z0-9.])/g)) {
    const a = m.index
    const q = attempt(parseQuantity, orig(a, a + m[0].length)) // undefined: not a C-rate
    if (q && free(a, a + m[0].length)) add({ type: 'quantity', q }, a, a + m[0].length)
  }

  // 2 and 4 share the phrase resolver.
  const resolvePhrase = (p: string, n: number, atStart: boolean): ItemBody | 'stop' | undefined => {
    const key = termKey(p)
    if (key === '') return 'stop'
    const sepHit = SEPARATORS[key]
    if (sepHit) return sepHit.note ? { type: 'separator', sep: sepHit.type, note: sepHit.note } : { type: 'separator', sep: sepHit.type }
    const cellWord = CELL_WORDS[key]
    if (cellWord) return { type: 'cell', cell: cellWord }
    const named = NAMED_TEMPERATURES[key]
    if (named !== undefined && (key !== 'rt' || p === 'RT')) return { type: 'temperature-word', value: named }
    if (TOPICS[key]) return { type: 'topic', topic: TOPICS[key] as string }
    if (COMPARE_WORDS.has(key)) return { type: 'compare' }
    if (SOLID_FORMS[key]) return { type: 'form', form: SOLID_FORMS[key] as SolidForm }
    if (SURFACE_PREPS[key]) return { type: 'prep', value: SURFACE_PREPS[key] as string }
    const mat = material(p, false, atStart)
    if (mat) return { type: 'material', id: mat }
    const fam = vocab.resolve('techniqueFamily', p)
    if (fam && guardOk(p, fam, atStart)) return { type: 'technique', id: fam, family: true }
    const tech = vocab.resolve('technique', p)
    if (tech && guardOk(p, tech, atStart)) {
      // "in situ OM", "operando TEM": the generic name of a family, with a mode word
      const bare = /^(?:in[\s-]situ|operando|in[\s-]operando)\s+(.+)$/i.exec(p)?.[1]
      const family = bare === undefined ? undefined : vocab.resolve('techniqueFamily', bare)
      return family ? { type: 'technique', id: family, family: true } : { type: 'technique', id: tech, family: false }
    }
    const morph = vocab.resolve('morphology', p)
    if (morph && (n > 1 || !STOP_WORDS.has(key))) return { type: 'morphology', id: morph }
    const mfam = vocab.resolve('morphologyFamily', p)
    if (mfam) return { type: 'morphology', id: mfam, family: mfam }
    if (STOP_WORDS.has(key)) return 'stop'
    return undefined
  }

  // 2. Words that start with a digit (`3D`, `2D film`, `70Li2S-30P2S5`).
  for (const m of s.matchAll(/(?<![A-Za-z0-9_.])\d(?:[^\s,;?!]|,(?=\d))*/g)) {
    const t = trimToken(s, m.index, m.index + m[0].length)
    if (!t || !/^\d+(?:[.,]\d+)*-?[A-Za-z]/.test(s.slice(t.a, t.b))) continue
    const tokens = tokensFrom(s, t.a, 3)
    for (let n = tokens.length; n >= 1; n--) {
      const last = tokens[n - 1] as Token
      const p = s.slice(t.a, last.b)
      const hit = resolvePhrase(p, n, false)
      if (hit && hit !== 'stop' && free(t.a, last.b)) { add(hit, t.a, last.b); break }
    }
  }

  // 3. Ratios, quantities, cycles.
  NUM_START.lastIndex = 0
  for (let m = NUM_START.exec(s); m; m = NUM_START.exec(s)) {
    const p = m.index
    if (claimed[p]) continue
    const end = readNumberAt(p)
    NUM_START.lastIndex = Math.max(end, p + 1)
  }

  function readNumberAt(p: number): number {
    const rest = s.slice(p, p + 200)
    const colon = /^[+-]/.test(rest) ? null : COLON_RATIO.exec(rest)
    if (colon) return addRatio(p, colon)
    const slash = /^[+-]/.test(rest) ? null : SLASH_RATIO.exec(rest)
    if (slash && (slash[2] !== undefined || !unitFollows(p + slash[0].length))) return addRatio(p, slash)
    for (const head of [HEAD_LIST.exec(rest), HEAD_ONE.exec(rest)]) {
      if (!head) continue
      const headEnd = p + head[0].length
      const hit = readUnit(p, headEnd)
      if (hit) {
        // keep a qualifier written before the number (~, ≈, ≤, approx.) in the span: parseQuantity reads it
        const q = QUALIFIER_BEFORE.exec(s.slice(Math.max(0, p - 10), p))
        const start = q && free(p - q[0].length, p) && hit.body.type === 'quantity' ? p - q[0].length : p
        if (start < p && hit.body.type === 'quantity') {
          const word = (q?.[1] ?? '').toLowerCase()
          const bound = ({ '<': 'lt', '<=': 'le', '≤': 'le', '>': 'gt', '>=': 'ge', '≥': 'ge' } as const)[word as '<']
          hit.body.q = { ...hit.body.q, reported: orig(start, hit.end), ...(bound ? { bound } : { approximate: true }) }
        }
        add(hit.body, start, hit.end)
        return hit.end
      }
    }
    const one = HEAD_ONE.exec(rest)
    const headEnd = p + (one ? one[0].length : 1)
    const after = /^(\s*)(cycles?|cyc\.?)(?![A-Za-z])/i.exec(s.slice(headEnd, headEnd + 20))
    const value = Number(s.slice(p, headEnd).replace(/\s+/g, ''))
    if (after && Number.isInteger(value) && free(p, headEnd + after[0].length)) {
      add({ type: 'cycles', n: value }, p, headEnd + after[0].length)
      return headEnd + after[0].length
    }
    const t = trimToken(s, p, headEnd) ?? { a: p, b: headEnd }
    if (free(t.a, t.b)) { unrecognised.push(t); claim(t.a, t.b) }
    return headEnd
  }

  function addRatio(p: number, m: RegExpExecArray): number {
    let end = p + m[0].length
    const close = /^\s*\)/.exec(s.slice(end, end + 4))
    if (close && m[2] !== undefined && m[0].includes('(')) end += close[0].length
    const reported = orig(p, end)
    let ratio: ParsedRatio | undefined = attempt(parseRatio, reported)
    if (!ratio) {
      const basis = m[2] === undefined ? '' : /v/i.test(m[2]) ? 'v/v' : /w|mass/i.test(m[2]) ? 'w/w' : 'mol'
      const r = attempt(parseRatio, `${(m[1] as string).replace(/\//g, ':')} ${basis}`.trim())
      ratio = r && { ...r, reported }
    }
    if (ratio && free(p, end)) { add({ type: 'ratio', ratio: { ...ratio, reported } }, p, end); return end }
    return p + 1
  }

  /** A unit that `parseQuantity` accepts right after position `at` (for slash ratios). */
  function unitFollows(at: number): boolean {
    const c = /^\s*(\S+)/.exec(s.slice(at, at + 60))
    if (!c || !/^[A-Za-z°%]/.test(c[1] as string)) return false
    return attempt(parseQuantity, '1 ' + (c[1] as string).replace(/[),;:?!]+$/, '')) !== undefined
  }

  /** Longest run of up to 4 chunks after the number that reads as a unit. */
  function readUnit(p: number, headEnd: number): { body: ItemBody; end: number } | undefined {
    const ends: number[] = []
    let at = headEnd
    for (let k = 0; k < 4; k++) {
      const c = /^(\s*)(\S+)/.exec(s.slice(at, at + 60))
      if (!c) break
      const chunk = c[2] as string
      if (/^[0-9(+\[]/.test(chunk)) break
      const start = at + (c[1] as string).length
      const trimmed = chunk.replace(/[),;:?!"'.]+$/, '')
      if (!looksLikeUnit(trimmed)) break
      const stop = /[),;:?!"']/.test(chunk.slice(trimmed.length))
      if (trimmed.length > 0) {
        ends.push(start + trimmed.length)
        if (chunk.startsWith(trimmed + '.')) ends.push(start + trimmed.length + 1)
      }
      if (stop || trimmed.length === 0) break
      at = start + chunk.length
    }
    for (let i = ends.length - 1; i >= 0; i--) {
      const end = ends[i] as number
      if (end <= headEnd || !free(p, end)) continue
      const reported = orig(p, end)
      const q = attempt(parseQuantity, reported)
      if (!q) continue
      const unitText = s.slice(headEnd, end).trim()
      if (unitText === 'C' && (q.kind === 'cRate' || q.kind === 'charge')) {
        // "60 C", "-20 C", "25 and 60 C": a temperature without its degree sign (a C-rate is small and positive)
        const tq = attempt(parseQuantity, `${orig(p, headEnd)} °C`)
        if (tq && (q.kind === 'charge' || tq.min < 0 || tq.min >= 10)) {
          return { body: { type: 'quantity', q: { ...tq, reported }, note: `"${reported}" read as ${reported.replace(/\s*C$/, '')} °C (not a C-rate or coulombs)` }, end }
        }
      }
      if (q.kind === 'length' && unitText === 'm' && q.values.length === 1 && Number.isFinite(Number(s.slice(p, headEnd).replace(/\s+/g, '')))) {
        const v = Number(s.slice(p, headEnd).replace(/\s+/g, ''))
        return {
          body: { type: 'quantity', q: { ...q, values: [v], min: v, max: v, unit: 'M', kind: 'concentration' }, note: `"${reported}" (molal) read as ${v} M` },
          end,
        }
      }
      return { body: { type: 'quantity', q }, end }
    }
    return undefined
  }

  // 4. Phrases over the text not yet claimed.
  const tokens: Token[] = []
  for (const m of s.matchAll(TOKEN_RE)) {
    // cut each whitespace token into its runs of unclaimed characters
    const b = m.index + m[0].length
    for (let i = m.index; i < b;) {
      if (claimed[i]) { i++; continue }
      let j = i
      while (j < b && !claimed[j]) j++
      const t = trimToken(s, i, j)
      if (t) tokens.push(t)
      i = j
    }
  }
  const sentenceStart = (a: number): boolean => {
    let i = a - 1
    while (i >= 0 && /[\s"'(\[]/.test(s[i] as string)) i--
    return i < 0 || /[.?!:]/.test(s[i] as string)
  }
  for (let i = 0; i < tokens.length;) {
    let matched = 0
    for (let n = Math.min(6, tokens.length - i); n >= 1; n--) {
      const first = tokens[i] as Token
      const last = tokens[i + n - 1] as Token
      let contiguous = true
      for (let k = i; k < i + n - 1; k++) {
        const gap = s.slice((tokens[k] as Token).b, (tokens[k + 1] as Token).a)
        if (!isWhitespace(gap) || !free((tokens[k] as Token).b, (tokens[k + 1] as Token).a)) { contiguous = false; break }
      }
      if (!contiguous) continue
      const p = s.slice(first.a, last.b)
      const hit = resolvePhrase(p, n, sentenceStart(first.a))
      if (hit === 'stop') { matched = n; break }
      if (hit) {
        const after = tokens[i + n]
        if (hit.type === 'material' && after && isWhitespace(s.slice(last.b, after.a)) && free(last.b, after.a) &&
          /^coatings?$/i.test(s.slice(after.a, after.b))) {
          add({ ...hit, modifier: 'coated' }, first.a, after.b); matched = n + 1; break
        }
        add(hit, first.a, last.b); matched = n; break
      }
    }
    if (matched === 0) splitToken(tokens[i] as Token, sentenceStart((tokens[i] as Token).a))
    i += Math.max(1, matched)
  }

  function splitToken(t: Token, atStart: boolean): void {
    const word = s.slice(t.a, t.b)
    // X-coated, X-free, LiFSI-DME
    const dash = /^(.+?)[-–](.+)$/.exec(word)
    if (dash) {
      const left = dash[1] as string
      const right = termKey(dash[2] as string)
      const id = material(left, false, atStart)
      const suffix = MATERIAL_SUFFIXES[right]
      if (id && suffix) { add(suffix === 'plain' ? { type: 'material', id } : { type: 'material', id, modifier: suffix }, t.a, t.b); return }
      const parts = word.split(/[-–]/)
      if (parts.length > 1 && parts.every((x) => material(x))) {
        let at = t.a
        const group = nextGroup++
        for (const x of parts) { add({ type: 'material', id: material(x) as string, group }, at, at + x.length); at += x.length + 1 }
        return
      }
    }
    if (/[:/|]/.test(word)) {
      const group = nextGroup++
      for (const m of word.matchAll(/[^:/|]+/g)) {
        const sub = trimToken(s, t.a + m.index, t.a + m.index + m[0].length)
        if (!sub) continue
        const p = s.slice(sub.a, sub.b)
        const hit = resolvePhrase(p, 1, false)
        if (hit === 'stop') continue
        if (hit) add(hit.type === 'material' ? { ...hit, group } : hit, sub.a, sub.b)
        else unrecognised.push(sub)
      }
      return
    }
    unrecognised.push(t)
  }

  items.sort((x, y) => x.a - y.a)
  unrecognised.sort((x, y) => x.a - y.a)
  return { text, folded, items, unrecognised }
}

const UNIT_WORDS = new Set(['wt', 'vol', 'mol', 'w', 'v', 'by', 'weight', 'volume', 'mass', 'deg', 'e', 'x'])

/** Cheap pre-check before asking `parseQuantity` (whose errors are costly): every letter run is a unit symbol or unit word. */
function looksLikeUnit(chunk: string): boolean {
  if (chunk === '' || !/^[A-Za-zÅΩ°%/]/.test(chunk)) return false
  if (/[^A-Za-zÅΩ°%/^+\-0-9.()]/.test(chunk)) return false
  for (const piece of chunk.match(/[A-Za-zÅΩ]+/g) ?? []) {
    if (!UNIT_WORDS.has(piece.toLowerCase()) && !resolveSymbol(piece) && piece !== 'C') return false
  }
  return true
}

/** Tokens (whitespace-separated, punctuation-trimmed) starting at `a`, at most `max`. */
function tokensFrom(s: string, a: number, max: number): Token[] {
  const out: Token[] = []
  const re = new RegExp(TOKEN_RE.source, 'g')
  re.lastIndex = a
  for (let m = re.exec(s); m && out.length < max; m = re.exec(s)) {
    if (out.length > 0 && !isWhitespace(s.slice((out[out.length - 1] as Token).b, m.index))) break
    const t = trimToken(s, m.index, m.index + m[0].length)
    if (!t) break
    out.push(t)
  }
  return out
}

/** Common-English and one-letter words count only when capitalised, and not merely sentence-initial (`In`, `W`, `STEM`). */
function guardOk(p: string, id: string, atStart: boolean): boolean {
  if (p.length === 1) return p === id
  const key = termKey(p)
  if (!GUARDED.has(key) && !STOP_WORDS.has(key)) return true
  if (p === p.toLowerCase()) return false
  const initialCapOnly = p.slice(1) === p.slice(1).toLowerCase()
  return !(atStart && initialCapOnly)
}

/** Read `Li||Cu`, `Li | LLZTO | Li`, `Li/Cu`, `Li-Li`, `Cu||LFP`; undefined when it is not a cell. */
export function readCell(
  words: string[], seps: string[], whole: string, after: string, vocab: VocabIndex, cls: Classifier,
): { cell?: CellKind; substrate?: string; solid?: string; note?: string } | undefined {
  const tight = seps.some((x) => !x.includes('|'))
  if (tight) {
    if (vocab.resolve('material', whole) || /^\s*(alloy|alloys|phase|phases)\b/i.test(after)) return undefined
    if (seps.some((x) => x.includes('|'))) return undefined
  }
  const ids = words.map((w) => vocab.resolve('material', w) ?? (/^li$/i.test(w) ? 'Li' : undefined))
  if (ids.some((x) => x === undefined)) return undefined
  const [x, y] = [ids[0] as string, ids[ids.length - 1] as string]
  const mid = ids.length === 3 ? (ids[1] as string) : undefined
  if (tight && x !== 'Li' && y !== 'Li') return undefined
  const cat = (id: string) => cls.categories(id)
  const isCathode = (id: string) => cat(id).includes('cathode')
  const isCollector = (id: string) => id !== 'Li' && cat(id).includes('substrate')
  const isElectrolyte = (id: string) => cat(id).includes('solid-electrolyte') || cat(id).includes('polymer-electrolyte')
  let solid: string | undefined
  if (mid !== undefined) {
    if (!isElectrolyte(mid) && !cat(mid).some((c) => c === 'salt' || c === 'solvent')) return undefined
    if (isElectrolyte(mid)) solid = mid
  }
  const out = (cell: CellKind, substrate?: string, note?: string) => ({
    cell, ...(substrate ? { substrate } : {}), ...(solid ? { solid } : {}), ...(note ? { note } : {}),
  })
  if (x === 'Li' && y === 'Li') return out('Li-Li')
  const [li, other] = x === 'Li' ? [x, y] : y === 'Li' ? [y, x] : [undefined, undefined]
  if (li && other) {
    if (isCathode(other)) return out('Li-cathode')
    if (isCollector(other)) {
      return out('Li-Cu', other, other === 'Cu' ? undefined : `"${whole}" read as a Li-Cu-type cell (Li against a bare ${other} working electrode)`)
    }
    return undefined
  }
  if (!tight) {
    if (isCollector(x) && isCathode(y)) return out('anode-free', x)
    if (isCollector(y) && isCathode(x)) return out('anode-free', y)
  }
  return undefined
}
